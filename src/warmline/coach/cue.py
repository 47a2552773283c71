"""Explicit emotion cues in client messages: the words a person would point at.

A cue is a phrase (太离谱了, 投诉, "unacceptable", "still waiting"), repeated
punctuation (？？？, !!!), a word in capitals, or an emoji. Each has a label
(anger, anxiety, satisfaction) and a kind; the emotion model uses them as
features and adds a fixed prior per kind (CUE_PRIORS), so a message full of
anger words the training set never saw still reads as anger.

Negation: praise after a negation (不满意, "not happy") is no praise; urgency
or worry after one (不急, 别担心, "no rush", "don't worry") is calm; an English
anger or complaint word after one ("no complaints", "nothing wrong") is no
cue. Chinese anger words after 别/不要 stay anger (别找借口, 不要再敷衍).

Lexicons are phrase lists with brace expansion ("又{错,拖,延期}", "still {not,
waiting}"), compiled at import into dictionaries: Chinese phrases keyed by
their first character, English phrases by their first word (a trailing `*`
on a word matches any ending: "frustrat*"). Matching is a dictionary look-up
per character or word, far faster than scanning large regex alternations.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from itertools import islice

from warmline.core.message import EMOTIONS, Emotion
from warmline.core.text import Lang

KINDS: tuple[str, ...] = (
    "phrase",  # an explicit word for the feeling: 失望, "unacceptable"
    "repeat",  # it happened again: 第三次, 又错了, "still not", "yet again"
    "complaint",  # a problem, a demand, a rhetorical why: 怎么还没, "why is", "fix it"
    "sarcasm",  # "thanks for letting me know", "so much for"
    "urgency",  # time pressure: 急用, 老板在催, "asap", "my boss wants"
    "worry",  # 担心, 万一, "worried", "just in case"
    "praise",  # 谢谢, 太棒了, "great work"
    "calm",  # no pressure: 不急, 慢慢来, "no rush", "whenever you can" (neutral)
    "punctuation",  # ？？？, !!!, ?!
    "caps",  # a word in capitals: "AGAIN"
    "emoji",
)

# The fixed push one cue of each kind gives its label (added to the logit).
CUE_PRIORS: dict[str, float] = {
    "phrase": 0.6,
    "repeat": 0.5,
    "complaint": 0.2,
    "sarcasm": 0.2,
    "urgency": 0.2,
    "worry": 0.3,
    "praise": 0.3,
    "calm": 0.3,
    "punctuation": 0.4,
    "caps": 0.3,
    "emoji": 0.4,
}
# A kind pushes its label at most this many times.
CUE_PRIOR_CAP = 2


@dataclass(frozen=True, slots=True)
class Cue:
    """A span of the message that signals an emotion."""

    text: str
    label: Emotion
    kind: str
    start: int
    end: int


# --------------------------------------------------------------------------- lexicons

_ZH: dict[tuple[Emotion, str], str] = {
    ("anger", "phrase"): """
        失望 不满 不{太,怎么,是很}满意 气死 气炸 生气 火大 恼火 无语 离谱 太过分 过分了 搞什么 什么玩意 什么鬼 垃圾
        坑人 坑爹 骗子 骗人 忽悠 敷衍 不靠谱 不专业 差劲 太差 糟糕 糟透 投诉 退款 退钱 赔偿 索赔
        律师 起诉 报警 曝光 差评 拉黑 再也不 最后一次 最后一遍 说了多少{次,遍}
        说了{几,好几,无数,n}{次,遍} 凭什么 有没有搞错 开什么玩笑 找借口 借口 推卸 甩锅
        浪费{,我的,我们的}时间 白等 一拖再拖 难以接受 无法接受 不能接受 不可接受 忍无可忍 受够了
        呵呵 服了 醉了 搞砸 不想合作 终止合作 换一家 装死 石沉大海 不负责任 态度{,太,很,真}差
        像话吗 什么意思 给{我,}{个,一个}说法 给我一个交代 怎么交代 算了吧 随便你们 看着办 我是客户
        是你们的问题 你们的责任 业余 外行 不像话 岂有此理 太坑 被坑 坑了
        什么破 破玩意 破东西 破网站 破系统 破软件 恶心 滚蛋 给我滚 妈的 他妈 tmd 尼玛 卧槽 我靠 无耻 不要脸 黑心 奸商
        有病 神经病 脑残 智障 傻逼 可恶 讨厌 受不了 崩溃 抓狂 气人 来气 窝火 憋屈 扯淡 胡扯 瞎搞 瞎改 乱改 乱搞
        莫名其妙 不可理喻 荒唐 荒谬 欺人太甚 烦死 真烦 好烦 烦人 烦不烦 搞笑 买罪受 丢脸 丢尽 没耐心 耐心{有限,耗尽,用完}
        糊弄 扯皮 推脱 踢皮球 一问三不知 不闻不问 爱答不理 爱理不理 不理人 装聋作哑 已读不回 失联 放鸽子 说话不算数
        说话不算话 出尔反尔 言而无信 不守信 不讲信用 黄了 白忙 白花钱 冤枉钱 亏大了 害{我,得,我们} 拜你们所赐 托你们的福
        12315 消协 律师函 法律程序 走法律 仲裁 维权 黑名单 避雷 踩雷 劝退 不推荐 不合作 解约
        叫你们{老板,领导,负责人,经理} 找你们{老板,领导,负责人,经理} 换{个,一个}人 我要投诉 太慢了 慢死了 效率{太,也太,真}低
        什么态度 这态度 就这? 就这水平 就这质量 就这态度 好意思发 还好意思 不像样 寂寞 等于没 越改越 还不如 拿我们当 把我们当
        你们自己看看 自己看看 一次都没 没一次
        愤怒 气愤 愤慨 恼怒 怒了 发怒 火冒三丈 暴躁 心烦 厌恶 反感 鄙视 痛恨 可恨 该死 混蛋 王八蛋 缺德 没良心 无良 人渣
        憋火 一肚子火 肺都气炸 气疯 气得 寒心 心寒 不爽 很不爽 窝囊 闹心
    """,
    ("anger", "repeat"): """
        第#次 又{出,错,是,没,延,拖,改,来,要,忘,漏,坏,挂,崩,晚,迟,不} 还是{不行,没,不对,错,老样子,一样}
        一再 屡次 反反复复 每次都 总是 老是 又一次 再一次 多少次了 几次了
        催了#次 问了#次 说了#次 改了#次 找了#次 打了#次 发了#{次,条,封} 等了#{天,周,个星期,个月} 拖了#{天,周,个星期,个月}
        明天又明天 一次又一次 一天又一天 三天两头 动不动 又又又 再三 三番五次 无数次
    """,
    ("anger", "complaint"): """
        说好的 到底 究竟 怎么回事 怎么搞的 怎么还 为什么还 为啥还 还没{,有}{好,发,回,改,弄,做,到,给,动静,消息}
        一直没 迟迟 耽误 损失 完全不对 根本不对 都不对 全错了 看不到 没看到 拖了 拖到 延期 逾期 根本{不,没} 压根 完全不是 一点都不 一条都没 都没落实
        不是我要的 我要的是 我说的是 跟你说过 早就说过 不是说好 白花 花了钱 付了钱 加钱 又要钱 搞错 弄错
        做错 出错 错了 有问题 出问题 用不了 不能用 没法用 打不开 崩了 挂了 不回 没人回 没人理 没回复
        下班了 不干了 怎么能 你们怎么 你们到底 还不如 解释一下 怎么解释 为什么要 凭啥 难道 不意外 竟然
        居然 简直 实在是 真是够 行吧 反正 就这样吧 丢人 没脸 被骂 挨骂 怎么又 怎么总是 有没有人
        人呢 有人吗 在吗在吗 回个话 吱一声 给个准话 什么意思啊 到底怎么 到底什么 有这么 这么简单 怎么能这样 凭什么
        不是说 不是答应 答应{的,过,好的} 承诺{的,过} 答应了 不回复 不回消息 不接电话 电话不接 消息不回 没回音 没动静
        一点进展 没有进展 毫无进展 原地踏步 扣了 多扣 多收 乱收费 加价 涨价 货不对板 货不对 少发 漏发 错发
        发错 寄错 做反 印反 印错 写错 拼错 坏了 破了 碎了 有瑕疵 质量太差 质量问题 色差 不合格 返工 重做 退货 换货
    """,
    ("anxiety", "urgency"): """
        着急 急死 急用 紧急 加急 火烧眉毛 十万火急 赶时间 来不及 等不及 等着用 马上要 今天{一定,必须,务必}
        务必 千万 拜托 求求 救命 截止 还来得及 来得及吗 能赶上 赶得上 赶不上 能不能快 越快越好 尽快 赶紧
        抓紧 明早就要 今晚就要 没时间了 时间{不多,很紧,太紧,紧,真的很紧} 急 在等 等着 加个急 催{得,了} 优先
        先帮我 帮帮忙 麻烦快 能快点 快点 提前 截止 最晚 最迟 明天一早 一早就要 马上就要 今天之内 今天内
        {老板,领导,客户,上面,甲方,投资人,老大}{,在,一直,一直在,又,又在,天天,天天在}{催,问,等,要}
    """,
    ("anxiety", "worry"): """
        担心 害怕 怕 万一 焦虑 慌 紧张 压力 怎么办 不放心 心里没底 没底 靠你们了 就指望 会不会 能不能保证
        确保 保证 别出{问题,错} 不要出{问题,错} 出不得 有风险 风险 睡不着 提心吊胆 忐忑
        怕来不及 怕赶不上 怕出错 担忧 就麻烦了 很重要 非常重要 输不起 不能出错 不能有闪失
        恐惧 惊慌 不安 惶恐 心慌 发愁 犯愁 愁死 坐立不安 六神无主 七上八下 悬着 心悬
    """,
    ("satisfaction", "praise"): """
        谢谢 感谢 多谢 辛苦了 辛苦啦 太好了 太棒了 很棒 真棒 好棒 厉害 给力 完美 满意 喜欢 惊喜 专业
        靠谱 效率{,真,好,很,太}高 省心 放心了 点赞 好评 推荐 下次{,还}{找,合作} 合作愉快 期待下次 感动
        开心 高兴 漂亮 不错 好看 超出预期 比预期 赞 牛 优秀 到位 用心 细心 贴心 及时 顺利 搞定了 没问题了
        就这版 就用这 定稿 通过了 效果很好 很喜欢 爱了
        绝了 好评 夸 帮大忙 帮了大忙 太及时 合作愉快 找对人 没怨言 辛苦啦 太感谢 万分感谢 感激 佩服 神速 迅速 利索
        快乐 幸福 兴奋 激动 欣慰 感恩 骄傲 自豪 美滋滋 乐开花 舒服 赞叹 没得说 没话说 难得 欣赏 改观 太懂
    """,
    ("neutral", "calm"): """
        不急 不着急 不用急 别急 不赶 不赶时间 慢慢来 慢慢做 有空{再,的时候} 方便{时,的时候} 不用着急 别着急
        时间{充裕,很充裕,还早,宽裕} 不要紧 没关系 没事 问题不大 不用担心 别担心 不赶急
        不客气 不用谢 不用道歉 不怪你们 不是你们的{问题,错,责任} 理解理解 可以理解 能理解
    """,
}

_EN: dict[tuple[Emotion, str], str] = {
    ("anger", "phrase"): """
        unacceptable | not acceptable | ridiculous | disappoint* | frustrat* | fed up | sick of | tired of
        | angry | furious | annoyed | annoying | pissed | outraged | unprofessional | incompetent
        | terrible | awful | horrible | worst | useless | pathetic | a joke | waste of {,my ,our }{time,money}
        | refund | chargeback | cancel {the,our,my,this} {contract,order,account,project} | lawyer
        | legal action | complain* | escalat* | your {manager,boss,supervisor} | how many times
        | for the last time | no excuse* | excuses | what the {hell,heck,fuck} | wtf | seriously ?
        | are you kidding | kidding me | never again | lost {,a ,the ,our ,two ,three }{client,clients,deal,deals,customer,customers}
        | cost us | unbelievable | absurd | disgrace* | shambles | screwed up | messed up | sloppy
        | careless | not happy | not impressed | not pleased | not ok | not okay | this is a mess
        | what a mess | hopeless | appalling | enough is enough | last chance | amateur*
        | question the {,whole }{partnership,relationship} | {other,another,different} {agency,vendor,supplier,provider,freelancer}
        | beta tester* | do your job | not mine | where the hell | why on earth | how hard can it be
        | not an answer | come on | shame on | embarrass* | humiliat* | insult* | rip off | ripoff | scam
        | negligen* | hate | hated | sucks | suck | stupid | idiot* | rude | rudely | infuriat* | livid | outrage*
        | disgust* | crap | crappy | bullshit | bs | ffs | smh | ugh | nonsense | rubbish | garbage | trash | clown*
        | fiasco | disaster | nightmare | shocking | shoddy | dissatisf* | unhappy | lied | lying | liar | liars | shady
        | dishonest | misleading | let {me,us} down | let down | dropped the ball | drop the ball | last straw
        | had enough | had it with | done with {you,this,your} | i'm done | we're done | so done | sick and tired
        | give me a break | ignored | ignoring | ignore {me,us,my,our} | ghosted | ghosting | radio silence | no reply | no response | no answer | not responding
        | hung up | on hold for | broken promise* | get your act together | what am i paying | why am i paying
        | {paying,pay} you for | read the brief | formal complaint | withhold* | take {our,my} business
        | look elsewhere | rethink {this,the,our} {partnership,relationship} | extra charges | hidden {fee,fees,charges}
        | not what {we,i} {asked,ordered,agreed,paid,wanted} | not good enough | poor {service,communication,quality,job,work}
        | {so,very,really,extremely,deeply,beyond} {frustrated,upset,angry,annoyed} | upset | how dare | you people
        | {run,ran} out of patience | lost {my,our} patience | my patience | our patience | not paying | won't pay
        | will not pay | refuse to pay | a lie | incompeten* | irresponsib* | inexcusable | unforgivable
        | dissatisfaction | get it together | not funny | nothing works | nothing ever | never works | never on time
        | damn | dammit | goddamn | bloody | fuck* | shit* | screw {you,this,it,that} | pissed off | p'd off
        | irritat* | resent* | bitter | bitterly | hostile | grumpy | cranky | agitated | offended | offensive | enraged
        | irate | fuming | seething | indignant | exasperat* | aggravat* | vexed | cross with | mad at | so mad
        | hateful | spiteful | contempt | despicable | disrespect* | condescending | patronising | patronizing
    """,
    ("anger", "repeat"): """
        again | yet again | once again
        | still {not,hasn't,haven't,isn't,no,waiting,broken,wrong,nothing}
        | still the same | {second,third,fourth,fifth} {time,wrong,mistake,delay}
        | keep {getting,happening,asking,sending,saying,having}
        | every single time | over and over | repeatedly | lost count
        | {each,every} {time,week,report,release,deploy,deployment}
        | not a single | without a single
        | {two,three,four,five,six,several,multiple,many,3,4,5,6} {times,reminders,emails,calls,messages,follow-ups}
        | {2nd,3rd,4th,5th} {time,reminder,email,request,attempt} | {second,third,fourth,fifth,final} {reminder,request,attempt}
        | asked {twice,again,before,already,repeatedly} | already {asked,told,said,mentioned,explained,flagged,reported}
        | as {i,we} {said,mentioned,explained,stated,noted,requested} | as previously {stated,mentioned,discussed,requested,advised}
        | per my {last,previous,earlier} | as per my | for the {nth,umpteenth,hundredth,last} time | another {week,day,month,delay,excuse,mistake}
        | same {mistake,issue,problem,error,bug,typo} | again and again | time and again | not the first time
        | {days,weeks,months} now | {chased,chasing} | reminded you | reminder after reminder
    """,
    ("anger", "complaint"): """
        why {is,are,am,does,do,did,has,have,hasn't,haven't,isn't,wasn't,weren't,can't,would,wouldn't,should}
        | how {is,was,could,can} {this,that,you,it} | how come | what happened to
        | {where's,where is,where are} {the,my,our} | explain {that,this,why} | explain to me
        | fix {it,this} | i {asked,specifically,clearly} | i told you | i said
        | we {asked,said,paid} | we told you | {we are,we're} paying | we pay you | paid for | paying for
        | you {said,promised,told} | supposed to | should have | shouldn't have | instead of
        | because of you | your fault | not {my,our} {job,problem}
        | i don't have time to | have to {chase,keep,remind,ask} | {chase,chasing} you
        | nothing {changes,ever changes} | no one | nobody | not even | didn't even | can't even | at all
        | wrong | broken | unusable | mistake | mistakes | error | errors | typo | typos | bug | bugs
        | outage | downtime | doesn't work | not working | double billed | overcharg* | charged {,us ,me }twice
        | overdue | missed | wasted | damaged | defect* | completely off | way off | off brand
        | {days,weeks} late | after the {fact,deadline} | honestly | blunt | unreliable
        | far more reliable | previous {agency,vendor} | previous account manager
    """,
    ("anger", "sarcasm"): """
        nice to finally | finally | only took | i suppose | good to know | oh great | great so | great now
        | great another | perfect so | perfect now | fantastic timing | great timing | so much for
        | must be nice | thanks for nothing | thanks a lot | glad someone finally | sure whatever | whatever
        | oh {great,wonderful,perfect,fantastic,brilliant,joy,lovely} | just great | just perfect
        | how {nice,lovely,convenient} | nice of you | glad to see you | love how | love that i | cool cool
        | well this is | thanks a bunch | what a surprise | surprise surprise | shocker | who knew | yeah right
        | sure you will | typical | of course it | some {service,support,partner,priority} | real professional
        | very professional of you
    """,
    ("anxiety", "urgency"): """
        urgent* | asap | as soon as possible | right away | immediately | rush | hurry | deadline
        | running out of time | time sensitive | critical | tight | cutting it close | can we still
        | will it be {ready,done} | on track ? | in time ? | make it in time
        | need {it,this,them} {today,tonight,now,tomorrow,by} | please hurry | really need | emergency
        | top priority | high priority | any chance | is there any way | at the latest | can't wait {any,much} longer
        | running late | behind schedule | crunch | brutal | squeezed | speed {it,this,things} up
        | {boss,client,leadership,manager,ceo,board,customer,team,boss's,client's} {wants,needs,keeps}
        | {boss,client,leadership,manager,ceo,board,customer,team} is {waiting,asking,breathing}
        | waiting on | presenting | first thing | doable | on schedule | big ask | a favor | a favour
        | expires | expire | selling out | only {get,have} one | can't miss
        | {need,needs} to be {back,done,ready,there}
        | short notice | last minute | last-minute | out of time | by tonight | by tomorrow
        | before {tomorrow,tonight,noon,monday,friday} | today if possible | hard deadline | tight deadline | time is tight
        | things are tight | prioriti* | fast track | expedite* | rush fee | pls help | please help | help!
    """,
    ("anxiety", "worry"): """
        worried | worry | worrying | concerned | nervous | anxious | stress | stressed | stressful
        | panic* | afraid | scared | fingers crossed | pressure | freaking out | nail biting | losing sleep
        | what if | in case | double check* | make sure | making sure | sanity check | hoping
        | hope {so,it,this,we,you,that} | really don't want | don't want to {lose,miss}
        | {we're,we are,we would be,we'd be} stuck | sorry to {chase,bug,ping,bother,push,nag}
        | {keep,keeps} {calling,asking,chasing} | keep worrying | is it going to be | tell me honestly
        | can you confirm | just checking | knock on | at risk | risky
        | nervous | worries me | worried about | concerns me | a concern | unsure | not sure if we | can you guarantee
        | guarantee | plan b | just to be safe | to be safe | please check twice | big client
        | biggest client | make-or-break | make or break | on the line | a lot riding | can't afford | cannot afford
        | dry run | go well | goes well | go smoothly | goes smoothly
        | terrified | frightened | apprehensive | uneasy | overwhelmed | restless | insecure | jittery | on edge
        | dread* | fear | fearful | alarmed | tense | panicky | uncertain | uncertainty
    """,
    ("satisfaction", "praise"): """
        thank* | thx | ty | appreciate* | great | excellent | amazing | awesome | perfect | love | loved
        | lovely | fantastic | brilliant | wonderful | impressed | impressive | happy | pleased | delighted
        | well done | nice work | good job | spot on | exceeded | above and beyond | smooth | smoothly
        | smoothest | recommend* | looking forward to working | kudos | superb | outstanding | beautiful
        | nailed it | lifesaver | grateful | thrilled | satisfied | satisfying | satisfaction | gorgeous
        | genius | paying off | shoutout | shout out | proactive | professional | pleasure | made my day
        | blown away | huge help | big help | couldn't be happier | glad | works {great,perfectly,beautifully}
        | so good | on point | well received | best | fast turnaround | quick turnaround | reliable | tidy
        | helpful | relief | relieved | cheers | fab | stunning | spot-on | top work | top notch | top-notch
        | star | legend | legends | hero | heroes | rock | rocks | works now | all sorted | sorted now | so glad
        | couldn't have asked | extra mile | 5 stars | five stars | 10/10 | highly recommend | love the | loved the
        | joyful | cheerful | ecstatic | elated | overjoyed | proud | excited | exciting | can't wait to
        | over the moon | chuffed | stoked | psyched
        | thanks again | thank you again | would {hire,buy,order,use,recommend,work with you,book} {you ,us ,them ,it ,}again
        | {no,zero} {issues,problems,complaints} | not a single {issue,problem,typo,mistake,complaint}
    """,
    ("neutral", "calm"): """
        no rush | no hurry | not urgent | no pressure | take your time | whenever {you,it's} | when you get a chance
        | when you have {time,a moment,a minute,a sec} | at your convenience | no worries | not a big deal | no big deal
        | not a problem | no problem | not in a hurry | in no hurry | low priority | not a priority | no stress
        | all good | it's fine | that's fine | totally fine | not worried
    """,
}

_ZH_NUMBERS = (
    "二",
    "两",
    "好几",
    "三",
    "四",
    "五",
    "六",
    "七",
    "八",
    "九",
    "十",
    "几",
    "N",
    "n",
    "2",
    "3",
    "4",
    "5",
    "6",
    "7",
    "8",
    "9",
    "10",
)


def expand(pattern: str) -> Iterator[str]:
    """Brace expansion: "又{错,拖}了" -> 又错了, 又拖了; "{,我的}时间" -> 时间, 我的时间."""
    start = pattern.find("{")
    if start < 0:
        yield pattern
        return
    end = pattern.index("}", start)
    for option in pattern[start + 1 : end].split(","):
        yield from expand(pattern[:start] + option + pattern[end + 1 :])


def _zh_phrases(spec: str) -> Iterator[str]:
    for item in spec.split():
        for phrase in expand(item):
            if "#" in phrase:
                yield from (phrase.replace("#", n) for n in _ZH_NUMBERS)
            else:
                yield phrase


def _en_phrases(spec: str) -> Iterator[tuple[str, ...]]:
    for item in spec.split("|"):
        for phrase in expand(" ".join(item.split())):
            words = tuple(phrase.split())
            if words:
                yield words


# (words, label, kind, the words after the first when none has a wildcard)
_Entry = tuple[tuple[str, ...], Emotion, str, tuple[str, ...] | None]


def _by_first_char(
    table: dict[tuple[Emotion, str], str],
) -> dict[str, list[tuple[str, Emotion, str]]]:
    index: dict[str, list[tuple[str, Emotion, str]]] = {}
    for (label, kind), spec in table.items():
        for phrase in _zh_phrases(spec):
            index.setdefault(phrase[0], []).append((phrase, label, kind))
    for entries in index.values():
        entries.sort(key=lambda e: -len(e[0]))
    return index


def _by_first_word(
    table: dict[tuple[Emotion, str], str],
) -> tuple[dict[str, list[_Entry]], dict[str, list[_Entry]]]:
    """(exact first word -> entries, first-word stem -> entries for "stem*")."""
    exact: dict[str, list[_Entry]] = {}
    stems: dict[str, list[_Entry]] = {}
    for (label, kind), spec in table.items():
        for words in _en_phrases(spec):
            first = words[0]
            rest = words[1:] if not any(w.endswith("*") for w in words[1:]) else None
            entry = (words, label, kind, rest)
            if first.endswith("*"):
                stems.setdefault(first[:-1], []).append(entry)
            else:
                exact.setdefault(first, []).append(entry)
    for index in (exact, stems):
        for entries in index.values():
            entries.sort(key=lambda e: -len(e[0]))
    return exact, stems


_ZH_INDEX = _by_first_char(_ZH)
_EN_EXACT, _EN_STEMS = _by_first_word(_EN)
_STEM_LENGTHS = sorted({len(s) for s in _EN_STEMS})
# Chinese messages carry English words too ("PPT 又错了", "thx"): a few of the
# English praise and anger words count in Chinese text.
_EN_IN_ZH = frozenset({"thx", "thanks", "nice", "good", "great", "perfect", "wtf", "ok"})

# --------------------------------------------------------------------------- matching

_FULL_WIDTH = str.maketrans(
    {0xFF01 + i: 0x21 + i for i in range(0x5E)} | {0x3000: " ", 0x2019: "'", 0x2018: "'"}
)
_FULL_WIDTH_CHARS = re.compile("[\uff01-\uff5e\u3000\u2018\u2019]")
_WORD = re.compile(r"[a-z0-9]+(?:'[a-z]+)?|[!?]")
_PUNCT = re.compile(r"(?=[?!])(?:\?{2,}|\?!+|!\?+|!{3,})")
_CAPS = re.compile(r"\b[A-Z]{3,}\b")
# Three capitals are mostly an acronym (EMS, DHL, SKU, VAT): they count as shouting only
# when they spell one of these words.
_SHOUTED_SHORT = frozenset(
    [
        "NOT",
        "NOW",
        "WHY",
        "YOU",
        "ALL",
        "ANY",
        "ARE",
        "CAN",
        "DID",
        "HOW",
        "NEW",
        "OUT",
        "WAS",
        "YET",
        "AND",
        "THE",
        "FOR",
        "BUT",
        "ONE",
        "TWO",
        "TEN",
        "BAD",
        "SAD",
        "FED",
        "FIX",
        "YES",
        "TOO",
        "WAY",
        "PAY",
        "OFF",
        "SAY",
        "SEE",
        "ASK",
        "DAY",
    ]
)
# "whatever" as an interjection ("Whatever.", "whatever, just send it") is a shrug; as a
# determiner or pronoun ("whatever the quote is", "whatever works") it is no cue, except
# in a shrug ("whatever you say", "whatever i guess", "ok whatever lol"); "whatever you
# think works best" is deference, no cue
_WHATEVER_AS_WORD = re.compile(
    r"\s*(?!(?:you|u)(?: guys| all)? (?:say|want|think)\b(?! (?:is|works?|best|would)\b)"
    r"|(?:i|lol|man|just|then|ok|dude)\b)[a-z0-9']"
)
_LATIN = re.compile(r"[A-Za-z]")
_ZH_END_TAG = re.compile(r"好吗[?。!]*$")
_NEGATION = re.compile(
    r"(?:不|没|没有|别|未|不太|不怎么|\bnot|n't|\bnever|\bno|\bhardly)\s*(?:\w+\s+)?$"
)
# worry or urgency after these is calm: 不急, 不用担心, 别着急, 不要慌
_ZH_CALM_NEGATION = re.compile(
    r"(?:不|没|别|未|无|不用|不必|不要|无需|不需要|用不着)(?:太|怎么|再|那么|这么)?$"
)
# an English anger or complaint word after these is no cue: "no complaints", "nothing wrong", "not upset"
_EN_NEGATION = re.compile(r"(?:\bnot|n't|\bnever|\bno|\bnothing|\bwithout|\bzero)\s+(?:\w+\s+)?$")
_EMOJI_BY_LABEL: tuple[tuple[Emotion, str], ...] = (
    ("anger", "\U0001f620\U0001f621\U0001f624\U0001f92c\U0001f44e\U0001f612\U0001f644"),
    ("anxiety", "\U0001f630\U0001f631\U0001f613\U0001f62d\U0001f625\U0001f628\U0001f62c\U0001f97a"),
    (
        "satisfaction",
        "\U0001f44d\U0001f60a\U0001f389\U0001f970\U0001f60d\U0001f44f\u2764\U0001f973\U0001f4af"
        "\U0001f600\U0001f601\U0001f604\U0001f642\U0001f929\U0001f60e\U0001f64f",
    ),
)
_EMOJI: dict[str, Emotion] = {ch: label for label, chars in _EMOJI_BY_LABEL for ch in chars}
_EMOJI_RE = re.compile("[" + "".join(_EMOJI) + "]")
_CAPS_OK = frozenset(
    [
        "ASAP",
        "PDF",
        "PPT",
        "CEO",
        "CTO",
        "CFO",
        "COO",
        "USD",
        "RMB",
        "CNY",
        "EUR",
        "GBP",
        "HKD",
        "JPY",
        "API",
        "URL",
        "FAQ",
        "SEO",
        "SEM",
        "MVP",
        "EOD",
        "COB",
        "UTC",
        "GMT",
        "EST",
        "PST",
        "CET",
        "JPG",
        "PNG",
        "SVG",
        "PSD",
        "MOQ",
        "FOB",
        "CIF",
        "EXW",
        "SKU",
        "KPI",
        "ROI",
        "CRM",
        "ERP",
        "SAAS",
        "NDA",
        "RFP",
        "RFQ",
        "VAT",
        "GST",
        "HTML",
        "CSS",
        "AWS",
        "IOS",
        "APP",
        "TBD",
        "FYI",
        "ETA",
        "LOL",
        "OMG",
        "BTW",
        "IMO",
        "PPT",
        "DOC",
        "XLS",
        "CSV",
        "QR",
        "LED",
        "USB",
        "HR",
        "PR",
        "IT",
        "AI",
        "UI",
        "UX",
        "QA",
        "PO",
    ]
)


def normalise(text: str) -> str:
    """Full-width ASCII to ASCII (？ -> ?, ！ -> !) and lower case, one character for one."""
    if text.isascii():
        return text.lower()
    if not _FULL_WIDTH_CHARS.search(text):
        norm = text.lower()
        return norm if len(norm) == len(text) else text
    norm = text.translate(_FULL_WIDTH).lower()
    return norm if len(norm) == len(text) else text.translate(_FULL_WIDTH)


def _negated(norm: str, start: int) -> bool:
    return _NEGATION.search(norm[max(0, start - 12) : start]) is not None


def _calmed(norm: str, start: int, lang: Lang) -> bool:
    before = norm[max(0, start - 12) : start]
    if lang == "zh":
        return _ZH_CALM_NEGATION.search(before) is not None
    return _EN_NEGATION.search(before) is not None


def _zh_matches(norm: str) -> Iterator[tuple[int, int, Emotion, str]]:
    i, n = 0, len(norm)
    get = _ZH_INDEX.get
    while i < n:
        entries = get(norm[i])
        if entries:
            for phrase, label, kind in entries:
                if norm.startswith(phrase, i):
                    yield i, i + len(phrase), label, kind
                    i += len(phrase) - 1
                    break
        i += 1
    m = _ZH_END_TAG.search(norm)
    if m:
        yield m.start(), m.end(), "anger", "complaint"


def _word_fits(pattern: str, word: str) -> bool:
    return word.startswith(pattern[:-1]) if pattern.endswith("*") else word == pattern


# The phrases a word may start, longest first, indexed for the word after it:
# (next word -> phrases of two or more words whose second word is that word,
#  phrases with a wildcard after the first word, the one-word phrase or None).
_Starts = tuple[dict[str, tuple[_Entry, ...]], tuple[_Entry, ...], _Entry | None]


def _starts_for(word: str) -> _Starts | None:
    """The phrases that may start with this word (None: none), kept in _STARTS."""
    found = list(_EN_EXACT.get(word, ()))
    for length in _STEM_LENGTHS:
        if len(word) >= length:
            found += _EN_STEMS.get(word[:length], ())
    starts: _Starts | None = None
    if found:
        found.sort(key=lambda e: -len(e[0]))
        by_next: dict[str, list[_Entry]] = {}
        for entry in found:
            if entry[3]:
                by_next.setdefault(entry[3][0], []).append(entry)
        wild = tuple(e for e in found if len(e[0]) > 1 and e[3] is None)
        single = next((e for e in found if len(e[0]) == 1), None)
        starts = ({k: tuple(v) for k, v in by_next.items()}, wild, single)
    if len(_STARTS) >= _STARTS_MAX:
        _STARTS.clear()
    _STARTS[word] = starts
    return starts


# word -> _starts_for(word): a long message looks every word up, so a plain dict
# (one lookup in C per word) rather than a function call per word
_STARTS: dict[str, _Starts | None] = {}
_STARTS_MAX = 1 << 16


def _phrase_len(entry: _Entry) -> int:
    return -len(entry[0])


def _en_matches(
    norm: str, only: frozenset[str] | None = None
) -> Iterator[tuple[int, int, Emotion, str]]:
    tokens = _WORD.findall(norm)
    if not tokens:
        return
    known = _STARTS
    n = len(tokens)
    # the words that may start a phrase: a one-word phrase, one with a wildcard, or one
    # whose second word comes next ("to" is tried only before "be", "a" before "joke")
    hits = [
        i
        for i, word in enumerate(tokens)
        if (only is None or word in only)
        and (starts := known[word] if word in known else _starts_for(word))
        and (starts[2] or starts[1] or (i + 1 < n and tokens[i + 1] in starts[0]))
    ]
    if not hits:
        return
    # where the tokens of a phrase found are: the match iterator is advanced (in C) only
    # as far as the tokens needed, in order
    where = _WORD.finditer(norm)
    seen = -1  # the index of the last token taken from `where`
    free = 0  # the first token not inside a phrase found already
    for i in hits:
        if i < free:
            continue
        starts = known.get(tokens[i]) or _starts_for(tokens[i])
        assert starts is not None
        by_next, wild, single = starts
        longer = by_next.get(tokens[i + 1], ()) if i + 1 < n else ()
        if wild:
            longer = tuple(sorted((*longer, *wild), key=_phrase_len))
        match = None
        for entry in longer:
            words, _, _, rest = entry
            k = len(words)
            if k <= n - i and (
                tuple(tokens[i + 1 : i + k]) == rest
                if rest is not None
                else all(_word_fits(words[j], tokens[i + j]) for j in range(1, k))
            ):
                match = entry
                break
        if match is None:
            match = single
        if match is None:
            continue
        k = len(match[0])
        first = next(islice(where, i - seen - 1, None))
        final = first if k == 1 else next(islice(where, k - 2, None))
        seen = i + k - 1
        yield first.start(), final.end(), match[1], match[2]
        free = i + k


def find_cues(text: str, lang: Lang, norm: str | None = None) -> tuple[Cue, ...]:
    """The explicit cues in a message, in order of appearance.

    `norm` is normalise(text) when the caller has it already.
    """
    if norm is None:
        norm = normalise(text)
    if lang == "zh":
        spans = list(_zh_matches(norm))
        if _LATIN.search(norm):
            spans += _en_matches(norm, _EN_IN_ZH)
    else:
        spans = list(_en_matches(norm))
    found = []
    for s, e, label, kind in spans:
        if kind == "praise" and _negated(norm, s):
            continue
        if kind in ("urgency", "worry") and _calmed(norm, s, lang):
            found.append(Cue(text[s:e], "neutral", "calm", s, e))
            continue
        if label == "anger" and lang == "en" and _EN_NEGATION.search(norm[max(0, s - 16) : s]):
            continue
        if (
            kind == "sarcasm"
            and norm.endswith("whatever", s, e)
            and _WHATEVER_AS_WORD.match(norm, e)
        ):
            continue
        found.append(Cue(text[s:e], label, kind, s, e))
    found += [
        Cue(text[m.start() : m.end()], "anger", "punctuation", m.start(), m.end())
        for m in _PUNCT.finditer(norm)
    ]
    if not text.isascii():
        found += [
            Cue(m.group(), _EMOJI[m.group()], "emoji", m.start(), m.end())
            for m in _EMOJI_RE.finditer(text)
        ]
    if _CAPS.search(text) and (lang == "en" or len(_LATIN.findall(text)) > 12):
        found += [
            Cue(m.group(), "anger", "caps", m.start(), m.end())
            for m in _CAPS.finditer(text)
            if m.group() not in _CAPS_OK and (len(m.group()) > 3 or m.group() in _SHOUTED_SHORT)
        ]
    found.sort(key=lambda c: c.start)
    return tuple(found)


def cue_prior(cues: Iterable[Cue]) -> list[float]:
    """The fixed push each label gets from its cues, in EMOTIONS order."""
    seen: dict[tuple[str, str], int] = {}
    prior = [0.0] * len(EMOTIONS)
    for cue in cues:
        key = (cue.label, cue.kind)
        seen[key] = seen.get(key, 0) + 1
        if seen[key] <= CUE_PRIOR_CAP:
            prior[EMOTIONS.index(cue.label)] += CUE_PRIORS[cue.kind]
    return prior
