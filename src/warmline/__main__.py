from warmline.cli.main import run

run()
