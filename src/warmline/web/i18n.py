"""The web UI's own strings, in Simplified Chinese and English.

Templates call `t("key")`; the language is the user's setting (Profile.ui_language).
With a count `n`, English strings may write `{s}` for the plural ending.
A test checks that every key a template or route uses exists here in both languages.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from warmline.core.text import Lang, Text

STRINGS: dict[str, Text] = {
    # navigation and frame
    "nav.label": Text("主导航", "Main"),
    "nav.skip": Text("跳到正文", "Skip to content"),
    "nav.today": Text("今天", "Today"),
    "nav.clients": Text("客户", "Clients"),
    "nav.read": Text("解读消息", "Read"),
    "nav.import": Text("导入", "Import"),
    "nav.settings": Text("设置", "Settings"),
    "nav.switch_language": Text("Switch to English", "切换到中文"),
    "nav.other_language": Text("English", "中文"),
    "app.tagline": Text("远程客户关系助手", "Remote-client relationship assistant"),
    # common actions and words
    "action.save": Text("保存", "Save"),
    "action.cancel": Text("取消", "Cancel"),
    "action.add": Text("添加", "Add"),
    "action.edit": Text("编辑", "Edit"),
    "action.copy": Text("复制", "Copy"),
    "action.copied": Text("已复制", "Copied"),
    "action.search": Text("搜索", "Search"),
    "action.apply": Text("采用", "Apply"),
    "action.back": Text("返回", "Back"),
    "word.none": Text("无", "None"),
    "word.you": Text("你", "you"),
    "word.they": Text("对方", "they"),
    "word.loading": Text("处理中…", "Working…"),
    "word.required": Text("必填", "required"),
    # errors
    "error.title": Text("需要处理一下", "Something needs fixing"),
    "error.csrf": Text(
        "页面已过期或来源不明，操作未执行。请刷新页面后重试。",
        "This page has expired or the request came from elsewhere; nothing was changed. Reload the page and try again.",
    ),
    "error.not_found": Text("没有这个页面。", "There is no such page."),
    "error.invalid": Text("表单内容不完整：{fields}", "The form is incomplete: {fields}"),
    "error.too_large": Text(
        "文件太大（上限 {limit}）。请分成几个较小的导出文件再导入。",
        "The file is too large (limit {limit}). Split the export into smaller files and import them one by one.",
    ),
    "error.not_ready": Text(
        "这一部分还在建设中（需要 {service}），很快就能使用。",
        "This part is not ready yet (it needs {service}); it will be soon.",
    ),
    # Today
    "today.title": Text("今天", "Today"),
    "today.intro": Text(
        "每位客户现在需要你做什么，按紧急程度排列。",
        "What each client needs from you now, most urgent first.",
    ),
    "today.refresh": Text("刷新", "Refresh"),
    "today.empty": Text("都处理完了。去喝杯茶吧。", "All done. Time for a cup of tea."),
    "today.count": Text("{n} 项", "{n} item{s}"),
    "today.their_time": Text("对方当地时间", "Their time"),
    "today.send_at": Text("建议发送时间", "Best sent"),
    "today.suggested": Text("建议消息（可修改）", "Suggested message (edit freely)"),
    "today.mark_sent": Text("已发送，记录下来", "Mark sent"),
    "today.done": Text("完成", "Done"),
    "today.snooze": Text("稍后提醒", "Snooze"),
    "today.snooze_3h": Text("3 小时后", "3 hours"),
    "today.snooze_tomorrow": Text("明天", "Tomorrow"),
    "today.why": Text("为什么排在这里", "Why it ranks here"),
    "today.openers": Text("开场话题", "Openers"),
    "today.logged": Text("已记录为发给 {name} 的消息。", "Logged as sent to {name}."),
    "today.marked_done": Text("已完成：{name}", "Done: {name}"),
    "today.snoozed": Text("已推迟：{name}", "Snoozed: {name}"),
    "today.band.urgent": Text("紧急", "Urgent"),
    "today.band.today": Text("今天要做", "Today"),
    "today.band.later": Text("有空时", "When you can"),
    "today.overdue": Text("已逾期", "overdue"),
    "today.open_client": Text("打开客户页", "Open client"),
    # Clients
    "clients.title": Text("客户", "Clients"),
    "clients.search": Text(
        "搜索姓名、公司、城市、标签或联系方式", "Search name, company, city, tag or handle"
    ),
    "clients.status": Text("状态", "Status"),
    "clients.tag": Text("标签", "Tag"),
    "clients.sort": Text("排序", "Sort"),
    "clients.sort.name": Text("姓名", "Name"),
    "clients.sort.contact": Text("最久未联系", "Longest since contact"),
    "clients.sort.waiting": Text("等待回复最久", "Waiting longest"),
    "clients.any": Text("全部", "Any"),
    "clients.add": Text("添加客户", "Add a client"),
    "clients.none": Text("没有符合条件的客户。", "No client matches."),
    "clients.more": Text("再显示更多（还有 {n} 位）", "Show more ({n} more)"),
    "clients.count": Text("{n} 位客户", "{n} client{s}"),
    "clients.local_time": Text("当地时间", "Local time"),
    "clients.last_contact": Text("上次联系", "Last contact"),
    "clients.waiting": Text("等你回复", "Waiting for you"),
    "clients.waiting_for": Text("已等 {d}", "waiting {d}"),
    "clients.never": Text("从未", "never"),
    "clients.name": Text("姓名", "Name"),
    "clients.company": Text("公司", "Company"),
    "clients.city": Text("城市", "City"),
    "clients.country": Text(
        "国家代码（用于节假日，如 CN、GB）", "Country code (for holidays, e.g. CN, GB)"
    ),
    "clients.timezone": Text(
        "时区（IANA，如 Asia/Shanghai）", "Time zone (IANA, e.g. Europe/London)"
    ),
    "clients.language": Text("对方使用的语言", "Language they write in"),
    "clients.tags": Text("标签（用逗号分隔）", "Tags (comma separated)"),
    "clients.channels": Text(
        "联系方式（每行或用逗号分隔）", "Channels (one per line or comma separated)"
    ),
    "clients.new_title": Text("添加客户", "Add a client"),
    "clients.edit_title": Text("编辑 {name}", "Edit {name}"),
    "clients.saved": Text("已保存。", "Saved."),
    "status.lead": Text("潜在客户", "Lead"),
    "status.active": Text("合作中", "Active"),
    "status.dormant": Text("休眠", "Dormant"),
    "status.former": Text("已结束", "Former"),
    "lang.zh": Text("中文", "Chinese"),
    "lang.en": Text("英文", "English"),
    "channel.email": Text("邮箱", "Email"),
    "channel.wechat": Text("微信", "WeChat"),
    "channel.phone": Text("电话", "Phone"),
    "channel.whatsapp": Text("WhatsApp", "WhatsApp"),
    "channel.slack": Text("Slack", "Slack"),
    "channel.telegram": Text("Telegram", "Telegram"),
    # Client page
    "client.local_now": Text("对方现在是", "Their time now"),
    "client.your_now": Text("你这里是", "Yours"),
    "client.profile": Text("资料", "Profile"),
    "client.notes": Text("个人备注", "Personal notes"),
    "client.notes_hint": Text(
        "记下对方提到的生活细节，下次通话开场用得上（R1）。",
        "Note what they mention about their life; it opens the next call (R1).",
    ),
    "client.note_add": Text("添加备注", "Add a note"),
    "client.note_kind": Text("类型", "Kind"),
    "client.note_personal": Text("个人", "Personal"),
    "client.note_business": Text("业务", "Business"),
    "client.timeline": Text("消息记录", "Messages"),
    "client.timeline_empty": Text("还没有消息。", "No messages yet."),
    "client.timeline_earlier": Text("显示更早的消息", "Show earlier messages"),
    "client.timeline_shown": Text(
        "显示最近 {n} 条，共 {total} 条", "Showing the last {n} of {total}"
    ),
    "client.from_them": Text("对方", "Them"),
    "client.from_you": Text("你", "You"),
    "client.attachments": Text("附件", "Attachments"),
    "client.promises": Text("未兑现的承诺", "Open promises"),
    "client.promise_ours": Text("我方承诺", "We promised"),
    "client.promise_theirs": Text("对方承诺", "They promised"),
    "client.due": Text("截止", "due"),
    "client.no_due": Text("未定截止时间", "no due time"),
    "client.deliverables": Text("等待反馈的交付", "Awaiting feedback"),
    "client.feedback_by": Text("反馈期限", "feedback by"),
    "client.sent": Text("发送于", "sent"),
    "client.projects": Text("项目", "Projects"),
    "client.meetings": Text("即将进行的会议", "Upcoming meetings"),
    "client.minutes": Text("{n} 分钟", "{n} min"),
    "client.compose": Text("写消息", "Write a message"),
    "client.compose_hint": Text(
        "边写边检查：含糊的时间、推诿、过长……每条建议都注明依据。",
        "Coached as you type: vague times, evasive answers, blame, length… each with its principle.",
    ),
    "client.draft": Text("草稿", "Draft"),
    "client.log_sent": Text("已发送，记录下来", "Log as sent"),
    "client.logged": Text("已记录。", "Logged."),
    "client.channels": Text("联系方式", "Channels"),
    "client.tags": Text("标签", "Tags"),
    "client.language": Text("语言", "Language"),
    "client.messages_count": Text("{n} 条消息", "{n} message{s}"),
    # emotions
    "emotion.anger": Text("生气", "Angry"),
    "emotion.anxiety": Text("着急", "Anxious"),
    "emotion.satisfaction": Text("满意", "Satisfied"),
    "emotion.neutral": Text("平静", "Neutral"),
    # coach
    "coach.title": Text("教练建议", "Coach"),
    "coach.clean": Text("没有发现问题。", "Nothing to fix."),
    "coach.idle": Text("开始输入，建议会出现在这里。", "Start typing; suggestions appear here."),
    "coach.suggestion": Text("建议", "Suggestion"),
    "coach.preview": Text("标出的位置", "Where"),
    "coach.level.suggestion": Text("提示", "Hint"),
    "coach.level.warning": Text("注意", "Warning"),
    "coach.level.error": Text("必须修改", "Fix"),
    "coach.applied": Text("已采用建议。", "Suggestion applied."),
    # Read
    "read.title": Text("解读客户消息", "Read a client's message"),
    "read.intro": Text(
        "粘贴客户发来的消息：看情绪、问题、含糊之处和对方的承诺；生气时给出应对步骤和回复草稿。",
        "Paste what a client wrote: see the emotion, questions, ambiguity and their promises; for anger, a response plan and a drafted reply.",
    ),
    "read.text": Text("客户的消息", "The client's message"),
    "read.client": Text("客户（可选）", "Client (optional)"),
    "read.no_client": Text("— 不指定 —", "— none —"),
    "read.submit": Text("解读", "Read it"),
    "read.emotion": Text("情绪", "Emotion"),
    "read.questions": Text("对方的问题", "Their questions"),
    "read.status_request": Text("对方在问进度（S2）", "They are asking for an update (S2)"),
    "read.ambiguity": Text("含糊之处（先确认，C3）", "Ambiguity (confirm first, C3)"),
    "read.promises": Text("对方的承诺", "Their promises"),
    "read.plan": Text("应对步骤", "Response plan"),
    "read.reply": Text("回复草稿", "Drafted reply"),
    "read.nothing": Text("无", "none"),
    "read.cues": Text("依据", "Read from"),
    "read.to_compose": Text("去写回复", "Write the reply"),
    "read.log_in": Text("记录为收到的消息", "Log as received"),
    # Import
    "import.title": Text("导入聊天记录", "Import conversations"),
    "import.intro": Text(
        "上传导出的聊天记录（邮件、WhatsApp、微信、Slack、Telegram、CSV）。先预览，确认后才写入。",
        "Upload an exported conversation (email, WhatsApp, WeChat, Slack, Telegram, CSV). You see a preview first; nothing is stored until you confirm.",
    ),
    "import.file": Text("导出文件", "Export file"),
    "import.format": Text("格式", "Format"),
    "import.format_auto": Text("自动识别", "Detect"),
    "import.zone": Text("文件中时间所在的时区", "Time zone of the times in the file"),
    "import.upload": Text("上传并预览", "Upload and preview"),
    "import.limit": Text("单个文件上限 {limit}。", "Up to {limit} per file."),
    "import.progress": Text("上传进度", "Upload progress"),
    "import.preview": Text("预览", "Preview"),
    "import.counts": Text(
        "共 {total} 条消息：新 {new} 条，重复 {dup} 条，跳过 {skipped} 条",
        "{total} messages: {new} new, {dup} already stored, {skipped} skipped",
    ),
    "import.unknown": Text("未识别的发件人：请对应到客户", "Unknown senders: map them to clients"),
    "import.map_to": Text("对应到", "Map to"),
    "import.map_new": Text("新建客户", "A new client"),
    "import.map_skip": Text("暂不对应（以后再说）", "Leave unassigned (map later)"),
    "import.map_me": Text("是我自己", "That is me"),
    "import.sample": Text("示例", "Sample"),
    "import.sender": Text("发件人", "Sender"),
    "import.reading": Text(
        "正在读取文件（预览，不写入）……", "Reading the file (a dry run, nothing is stored)…"
    ),
    "import.importing": Text("正在导入……", "Importing…"),
    "import.read_so_far": Text("已读 {n} 条消息", "{n} message{s} read so far"),
    "import.nothing_stored": Text("没有写入任何内容。", "Nothing was stored."),
    "import.assigned": Text(
        "其中 {n} 条已对应到认识的客户；{out} 条是你发的。",
        "{n} already belong to clients you have; {out} are yours.",
    ),
    "import.result_counts": Text(
        "重复 {dup} 条，跳过 {skipped} 条，未对应客户 {unassigned} 条。",
        "{dup} already stored, {skipped} skipped, {unassigned} left unassigned.",
    ),
    "import.new_client": Text("新客户", "new client"),
    "import.another": Text("再导入一个文件", "Import another file"),
    "import.confirm": Text("确认导入", "Confirm the import"),
    "import.cancel": Text("放弃", "Discard"),
    "import.done": Text("已导入 {n} 条消息。", "Imported {n} message{s}."),
    "import.discarded": Text("已放弃，没有写入任何内容。", "Discarded; nothing was stored."),
    "import.expired": Text(
        "这次上传已失效，请重新上传文件。", "This upload has expired; upload the file again."
    ),
    "import.messages": Text("{n} 条", "{n} message{s}"),
    # Settings
    "settings.title": Text("设置", "Settings"),
    "settings.me": Text("我的资料", "About me"),
    "settings.name": Text("我的名字", "My name"),
    "settings.timezone": Text("我的时区", "My time zone"),
    "settings.country": Text("国家代码（节假日）", "Country code (holidays)"),
    "settings.hours": Text("工作时间", "Working hours"),
    "settings.work_start": Text("开始", "From"),
    "settings.work_end": Text("结束", "To"),
    "settings.work_days": Text("工作日", "Working days"),
    "settings.reply_target": Text("回复目标（工作小时）", "Reply target (working hours)"),
    "settings.language": Text("界面语言", "Interface language"),
    "settings.identities": Text("我的身份", "My identities"),
    "settings.identities_hint": Text(
        "你自己的邮箱、微信号、电话……导入时据此认出哪些消息是你发的。",
        "Your own addresses and handles, so imports know which messages are yours.",
    ),
    "settings.rules": Text("教练规则开关", "Coach rules"),
    "settings.rules_hint": Text(
        "关掉你不需要的检查。规则的其他设置（级别、词表）保留不变。",
        "Switch off the checks you do not want. A rule's other settings (level, phrases) stay.",
    ),
    "settings.rules_save": Text("保存规则开关", "Save the rule switches"),
    "settings.saved": Text("设置已保存。", "Settings saved."),
    "weekday.0": Text("周一", "Mon"),
    "weekday.1": Text("周二", "Tue"),
    "weekday.2": Text("周三", "Wed"),
    "weekday.3": Text("周四", "Thu"),
    "weekday.4": Text("周五", "Fri"),
    "weekday.5": Text("周六", "Sat"),
    "weekday.6": Text("周日", "Sun"),
}


def translator(lang: Lang) -> Callable[..., str]:
    """`t(key, **values)` for one language; an unknown key is a programming error."""

    def t(key: str, **values: object) -> str:
        text = STRINGS[key].in_(lang)
        if not values:
            return text
        if "n" in values:  # English plurals: "{n} item{s}"
            values = {"s": "" if values["n"] == 1 else "s", **values}
        return text.format(**values)

    return t


def duration(seconds: float, lang: str) -> str:
    """A short human duration: 45 分钟 / 3 小时 / 2 天; 45 min / 3 h / 2 days."""
    minutes = max(0, int(seconds // 60))
    if minutes < 60:
        return f"{minutes} 分钟" if lang == "zh" else f"{minutes} min"
    hours = minutes // 60
    if hours < 48:
        return f"{hours} 小时" if lang == "zh" else f"{hours} h"
    days = hours // 24
    return f"{days} 天" if lang == "zh" else f"{days} days"


def ago(dt: datetime | None, now: datetime, lang: str) -> str:
    """How long ago: 3 小时前 / 3 h ago; never for None."""
    if dt is None:
        return STRINGS["clients.never"].in_(lang)
    span = duration((now - dt).total_seconds(), lang)
    return f"{span}前" if lang == "zh" else f"{span} ago"
