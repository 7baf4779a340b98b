"""The problems panel of the preview: every current problem, on every page, in Chinese.

Shown only by ``mkdocs serve`` (the plugin never asks for it in a build), so that an editor
who never looks at the terminal sees what is wrong, where, and what to write instead — the
same ``path:line: message 提示：…`` lines as ``campaign check``. It goes away when the
problems do. Everything in it is escaped: a message quotes the editor's own text.
"""

from __future__ import annotations

from collections.abc import Sequence

from markupsafe import Markup

from campaign_pages.core.problems import Problem, Severity

MAX_SHOWN = 50  # a panel longer than this is read in the terminal (campaign check)

_STYLE = """
.cp-problems{margin:0 0 1.5rem;padding:1rem 1.25rem;border:2px solid #b3261e;border-radius:.4rem;
background:#fff8f7;color:#1d1b1b;font-size:.85rem;line-height:1.6}
.cp-problems h2{margin:0 0 .5rem;font-size:1rem;color:#8c1d18}
.cp-problems p{margin:.25rem 0}
.cp-problems ol{margin:.5rem 0 0;padding-left:1.5rem}
.cp-problems li{margin:.35rem 0}
.cp-problems code{font-size:.8rem;word-break:break-all;background:#f3e5e4;color:#1d1b1b}
.cp-problems .cp-kind{font-weight:700;margin-right:.35em}
.cp-problems .cp-error .cp-kind{color:#8c1d18}
.cp-problems .cp-warning .cp-kind{color:#6a4500}
.cp-problems .cp-hint{display:block;white-space:pre-wrap;color:#3d3535}
.cp-problems .cp-stale{font-weight:700}
"""


def problems_panel(problems: Sequence[Problem], stale_file: str | None = None) -> Markup:
    """The panel for one page; empty when there is nothing to say. ``stale_file``: the page
    shows that file's last good version."""
    if not problems and stale_file is None:
        return Markup("")
    errors = sum(p.severity is Severity.ERROR for p in problems)
    counts = f"{errors} 个错误，{len(problems) - errors} 个警告"
    parts = [
        Markup('<aside class="cp-problems" aria-labelledby="cp-problems-title" lang="zh-CN">'),
        Markup("<style>{}</style>").format(Markup(_STYLE)),
        Markup('<h2 id="cp-problems-title">预览提示：内容里有 {} 个问题（{}）</h2>').format(
            len(problems), counts
        ),
    ]
    if stale_file is not None:
        parts.append(
            Markup(
                '<p class="cp-stale">这一页显示的是 <code>{}</code> 上次没有错误时的内容；'
                "改正它的错误后，这一页会自动更新。</p>"
            ).format(stale_file)
        )
    parts.append(
        Markup("<p>这块提示只在本机预览（mkdocs serve）时显示，发布的网站上没有。</p><ol>")
    )
    for problem in problems[:MAX_SHOWN]:
        error = problem.severity is Severity.ERROR
        parts.append(
            Markup(
                '<li class="{}"><span class="cp-kind">{}</span><code>{}:{}</code> {}'
                '<span class="cp-hint">提示：{}</span></li>'
            ).format(
                "cp-error" if error else "cp-warning",
                "错误" if error else "警告",
                problem.path,
                problem.line,
                problem.message,
                problem.hint,
            )
        )
    parts.append(Markup("</ol>"))
    if len(problems) > MAX_SHOWN:
        parts.append(
            Markup("<p>还有 {} 个问题没有列出：运行 campaign check 查看全部。</p>").format(
                len(problems) - MAX_SHOWN
            )
        )
    parts.append(Markup("</aside>"))
    return Markup("").join(parts)


def put_panel(html: str, panel: Markup) -> str:
    """``panel`` at the top of the page's content (Material's article), else of its body."""
    if not panel:
        return html
    text = str(panel)  # as text: Markup + str would escape the page
    for anchor in ('<article class="md-content__inner', "<article"):
        at = html.find(anchor)
        if at >= 0:
            end = html.index(">", at) + 1
            return html[:end] + text + html[end:]
    at = html.find("<body")
    if at < 0:
        return text + html
    end = html.index(">", at) + 1
    return html[:end] + text + html[end:]
