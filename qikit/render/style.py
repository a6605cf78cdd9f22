"""The styles of the participant and mentor pages, as ``<style>`` blocks to put in a page.

Here rather than in :mod:`qikit.pages` because the mentor's review (:mod:`qikit.review`) styles
its index with the same :data:`PAGE_CSS` and may not import the pages. Plain strings: no
matplotlib, no IPython.
"""

from __future__ import annotations

__all__ = [
    "GALLERY_CSS",
    "PAGE_CSS",
    "PRESENTER_CSS",
    "SHOWCASE_CSS",
    "STAGES_NAV_CSS",
    "STORYBOARD_CSS",
    "SURVEY_CSS",
    "TEACHING_CSS",
]

#: Styles for every page: big text, strong contrast, a visible focus; no colour carries meaning.
#: The whole screen: up to 80rem wide and centred, lines of text up to 45rem (easier to read), a
#: wide table scrolls inside its own box (``qikit-scroll``), never the page.
PAGE_CSS = """<style>
.qikit-page { font-size: 18px; line-height: 1.5; color: #1a1a1a; max-width: 80rem;
  margin-left: auto; margin-right: auto; box-sizing: border-box; overflow-wrap: break-word; }
.qikit-page p, .qikit-page li { max-width: 45rem; }
.qikit-page h1 { font-size: 2rem; margin: 0.5rem 0; }
.qikit-page h2 { font-size: 1.5rem; margin: 1.25rem 0 0.5rem; }
.qikit-page h3 { font-size: 1.25rem; margin: 1rem 0 0.25rem; }
.qikit-page a { color: #0b5cad; text-decoration: underline; }
.qikit-page a:focus-visible { outline: 3px solid #0b5cad; outline-offset: 2px; }
.qikit-page .qikit-nav { list-style: none; padding: 0; }
.qikit-page .qikit-nav li { margin: 0.5rem 0; }
.qikit-page .qikit-nav a { font-size: 1.2rem; font-weight: 600; }
.qikit-page .qikit-progress { list-style: none; padding: 0; }
.qikit-page .qikit-progress li { margin: 0.4rem 0; }
.qikit-page .qikit-mark { display: inline-block; width: 1.5em; font-weight: 700; }
.qikit-page .qikit-feedback { border: 2px solid #4c6272; border-radius: 6px; padding: 0.5rem 1rem;
  margin: 0.5rem 0; }
.qikit-page .qikit-feedback-text { white-space: pre-wrap; }
.qikit-page .qikit-unread { font-weight: 700; }
.qikit-page .qikit-note { color: #3d3d3d; }
.qikit-page .qikit-message { font-size: 1.25rem; border: 3px solid #1a1a1a; border-radius: 6px;
  padding: 1rem; }
.qikit-page svg { max-width: 100%; height: auto; }
.qikit-page table { border-collapse: collapse; }
.qikit-page .qikit-scroll { overflow-x: auto; max-width: 100%; }
.qikit-page .qikit-scroll:focus-visible { outline: 3px solid #0b5cad; outline-offset: 2px; }
/* :where() keeps these at the weight of one class, so a widget's own table (the measures
   table) lays out its cells its own way on a phone and a desktop. */
.qikit-page :where(td, th) { border: 1px solid #4c6272; padding: 0.25rem 0.5rem; }
</style>"""

#: The storyboard's extra styles: sections that do not split across printed pages, no page
#: furniture (Voilà's prompts, links' colours) on paper.
STORYBOARD_CSS = """<style>
.qikit-storyboard section { margin-bottom: 1.25rem; }
.qikit-storyboard .qikit-aim { font-size: 1.35rem; font-weight: 600; }
.qikit-storyboard p.qikit-text { white-space: pre-wrap; }
.qikit-storyboard .qikit-headline { font-size: 1.3rem; font-weight: 700; }
.qikit-storyboard .qikit-caption { border-left: 6px solid #1a1a1a; padding: 0.1rem 0 0.1rem 1rem;
  margin: 0.5rem 0; }
.qikit-storyboard .qikit-caption-label { font-weight: 700; margin: 0; }
@media print {
  @page { margin: 15mm; }
  body { background: #fff !important; }
  .qikit-storyboard { font-size: 12pt; max-width: none; color: #000; }
  .qikit-storyboard p, .qikit-storyboard li { max-width: none; }
  .qikit-storyboard h1 { font-size: 20pt; }
  .qikit-storyboard h2 { font-size: 15pt; break-after: avoid; page-break-after: avoid; }
  .qikit-storyboard section, .qikit-storyboard .qikit-figure, .qikit-storyboard li {
    break-inside: avoid; page-break-inside: avoid; }
  .qikit-storyboard svg, .qikit-storyboard img { max-width: 100% !important; }
  .qikit-storyboard a { color: #000; text-decoration: none; }
  .qikit-noprint, .jp-InputArea, .jp-OutputPrompt, .jp-InputPrompt { display: none !important; }
}
</style>"""

#: The row of stage links at the top of the team page: big targets that wrap on a phone, the
#: stage shown marked by a thick underline and bold text as well as colour.
STAGES_NAV_CSS = """<style>
.qikit-stages ul { list-style: none; margin: 0.5rem 0 1rem; padding: 0; display: flex;
  flex-wrap: wrap; gap: 0.5rem; }
.qikit-stages a { display: inline-flex; align-items: center; min-height: 44px;
  padding: 0 0.9rem; border: 2px solid #0b5cad; border-radius: 6px; color: #0b5cad;
  background: #ffffff; font-size: 18px; font-weight: 600; text-decoration: none; }
.qikit-stages a:hover { background: #e8f0fa; }
.qikit-stages a[aria-current="page"] { background: #0b5cad; color: #ffffff;
  text-decoration: underline; text-underline-offset: 4px; text-decoration-thickness: 3px; }
.qikit-stages a:focus-visible { outline: 3px solid #1a1a1a; outline-offset: 2px; }
.qikit-stage > h2:focus { outline: none; }
.qikit-stage > h2:focus-visible { outline: 3px solid #0b5cad; outline-offset: 2px; }
@media print { .qikit-stages { display: none; } }
</style>"""

#: The teaching pages' own styles: a big heading and intro, cards for the questions, the
#: presenter switch at the top right of the page.
TEACHING_CSS = """<style>
.qikit-teaching h1 { font-size: 2.2rem; }
.qikit-teaching .qikit-intro { font-size: 1.3rem; max-width: 50rem; }
.qikit-teaching .qikit-card { border: 3px solid #1a1a1a; border-radius: 8px;
  padding: 0.5rem 1.25rem; margin: 0.75rem 0; background: #ffffff; }
.qikit-teaching .qikit-card h2 { margin-top: 0.5rem; }
.qikit-teaching .qikit-fired { border: 4px solid #1a1a1a; border-left-width: 14px;
  padding: 0.5rem 1rem; margin: 0.75rem 0; background: #fff8d6; }
.qikit-teaching .qikit-fired strong { font-size: 1.2em; }
.qikit-teaching img.qikit-teaching-chart { width: 100%; max-width: 1100px; height: auto;
  display: block; }
.qikit-teaching button { font-weight: 600; }
/* A slider's words above it, wrapping: a long label on one line pushed the slider and its
   number past the right edge in presenter mode. */
.qikit-teaching .widget-slider { flex-wrap: wrap !important; height: auto !important;
  max-width: 100% !important; }
.qikit-teaching .widget-slider > .widget-label { width: 100% !important; max-width: 100%;
  white-space: normal !important; height: auto !important; line-height: 1.35 !important;
  text-align: left !important; }
/* Each answer of a radio list on its own line, as tall as its words (ipywidgets fixes the
   height of a line, so big presenter text piled the answers on top of each other). */
.qikit-teaching .widget-radio, .qikit-teaching .widget-radio-box { height: auto !important;
  flex-direction: column; }
.qikit-teaching .widget-radio-box label { height: auto !important; min-height: 44px;
  display: flex !important; align-items: center; gap: 0.5em; line-height: 1.3 !important;
  white-space: normal !important; margin: 0.2em 0; }
.qikit-teaching .widget-radio-box input { order: -1; flex: 0 0 auto; }
.qikit-teaching .widget-readout { font-size: 1.1em !important; font-weight: 700;
  min-width: 4em; overflow: visible !important; }
/* The chosen rule set (and a switch that is on) is marked by a tick and a thick underline, not
   only by the button's colour. */
.qikit-teaching button.mod-active { text-decoration: underline; text-decoration-thickness: 3px;
  text-underline-offset: 5px; border: 3px solid #1a1a1a; }
.qikit-teaching button.mod-active::before { content: "\\2713\\00a0"; }
</style>"""

#: Presenter mode: for a projector at 1920x1080 and a 1280x720 screen share. Text about 1.6
#: times as big, black on white with thick borders (washed-out projectors lose light greys),
#: controls big enough to hit from a lectern, and the page using the whole width. Sizes are in
#: ``vw`` with a floor so a 1280-wide share keeps readable type and 1920 does not overflow.
PRESENTER_CSS = """<style>
.qikit-presenter { max-width: none !important; color: #000000 !important;
  background: #ffffff !important; font-size: max(26px, 1.55vw) !important;
  line-height: 1.45 !important; padding: 0 1.5vw; }
.qikit-presenter p, .qikit-presenter li { max-width: 60em !important; }
.qikit-presenter .widget-html-content, .qikit-presenter .widget-label,
.qikit-presenter label, .qikit-presenter li, .qikit-presenter p, .qikit-presenter td,
.qikit-presenter th, .qikit-presenter summary {
  font-size: max(26px, 1.55vw) !important; line-height: 1.45 !important;
  color: #000000 !important; }
.qikit-presenter h1 { font-size: max(44px, 2.7vw) !important; font-weight: 800; }
.qikit-presenter h2 { font-size: max(34px, 2.1vw) !important; font-weight: 800; }
.qikit-presenter h3 { font-size: max(30px, 1.8vw) !important; }
.qikit-presenter .qikit-intro { font-size: max(28px, 1.7vw) !important; }
.qikit-presenter input[type="radio"], .qikit-presenter input[type="checkbox"] {
  width: 28px !important; height: 28px !important; min-height: 28px !important; }
.qikit-presenter .widget-readout { font-size: max(26px, 1.55vw) !important; }
.qikit-presenter .noUi-handle { width: 30px !important; height: 30px !important;
  top: -12px !important; border: 3px solid #000000 !important; }
.qikit-presenter button, .qikit-presenter select,
.qikit-presenter input:not([type="radio"]):not([type="checkbox"]) {
  font-size: max(24px, 1.4vw) !important; min-height: max(56px, 3.2vw) !important;
  border: 3px solid #000000 !important; font-weight: 700; }
.qikit-presenter button { padding: 0 1.2em !important; }
.qikit-presenter .qikit-card, .qikit-presenter .qikit-fired { border-color: #000000 !important;
  border-width: 4px; }
.qikit-presenter .qikit-fired { border-left-width: 18px !important; background: #ffffff; }
.qikit-presenter .qikit-note { color: #000000 !important; }
/* The chart as wide as the screen allows while it fits in 65% of its height (the PNG is drawn
   at 1.5 times its size for this; 159vh = 65vh times its width-to-height ratio 1100:450). */
.qikit-presenter img.qikit-teaching-chart { max-width: none; width: min(100%, 159vh);
  height: auto; }
.qikit-presenter :focus-visible { outline: 5px solid #000000 !important; outline-offset: 3px; }
/* The room's code is what the back row must read and type: bigger than anything else. (The
   rule above for every <p> would otherwise shrink it to body text.) */
.qikit-presenter p.qikit-room-code { font-size: max(96px, 6vw) !important;
  line-height: 1.1 !important; letter-spacing: 0.15em; font-weight: 800; }
.qikit-presenter .qikit-room-count { font-size: max(34px, 2.1vw) !important; }
.qikit-presenter .qikit-room-qr svg { width: max(300px, 38vh); height: max(300px, 38vh); }
.qikit-presenter textarea { font-size: max(24px, 1.4vw) !important; color: #000000 !important;
  border: 3px solid #000000 !important; }
</style>"""

#: The skills survey on a phone: each question's words above its five answers, each answer a
#: whole-width box of at least 48px to tap; the chosen one is marked by its dot, a thicker
#: border and bold words, not by colour alone.
SURVEY_CSS = """<style>
.qikit-survey .widget-radio { flex-direction: column !important; align-items: stretch !important;
  width: 100% !important; max-width: 45rem; height: auto !important;
  margin: 1rem 0 0.5rem !important; }
.qikit-survey .widget-radio > .widget-label { width: auto !important; max-width: 100% !important;
  white-space: normal !important; height: auto !important; overflow: visible !important;
  text-align: left !important; line-height: 1.35 !important; margin: 0 0 8px 0; }
.qikit-survey .widget-radio-box { display: flex !important; flex-direction: column; gap: 8px;
  width: 100% !important; margin: 0 !important; height: auto !important; }
.qikit-survey .widget-radio-box label { display: flex !important; align-items: center; gap: 12px;
  min-height: 48px; padding: 4px 12px; border: 2px solid #4c6272; border-radius: 6px;
  font-size: 18px !important; font-weight: 400 !important; cursor: pointer; white-space: normal;
  box-sizing: border-box; width: 100%; line-height: 1.3; }
.qikit-survey .widget-radio-box input[type="radio"] { width: 24px; height: 24px; min-height: 24px;
  margin: 0; flex: 0 0 auto; order: -1; }
.qikit-survey .widget-radio-box label:has(input:checked) { border: 4px solid #0b5cad;
  padding: 2px 10px; background: #e8f0fa; font-weight: 700 !important; }
.qikit-survey .qikit-survey-code { font-size: 1.4rem; font-weight: 700; letter-spacing: 0.08em; }
.qikit-survey h3 { margin-top: 1.5rem; }
</style>"""

#: The celebration's A3 storyboard (landscape): printed, one fixed page whose parts never split
#: (``qikit.evidence.showcase`` keeps each part's words short enough to fit); on a screen, the
#: same page as wide as the window allows. Black on white, meaning carried by headings and
#: words, never by colour (it prints well on a grey-only printer); poster-sized type.
SHOWCASE_CSS = """<style>
@page { size: A3 landscape; margin: 10mm; }
html, body { margin: 0; padding: 0; background: #ffffff; }
body { font-family: "Liberation Sans", Arial, Helvetica, "DejaVu Sans", sans-serif;
  color: #1a1a1a; -webkit-print-color-adjust: exact; print-color-adjust: exact; }
.qikit-a3 { box-sizing: border-box; font-size: 15pt; line-height: 1.35;
  display: flex; flex-direction: column; gap: 4mm; overflow-wrap: break-word; }
.qikit-a3 h1 { font-size: 34pt; line-height: 1.1; margin: 0; }
.qikit-a3 h2 { font-size: 22pt; margin: 0 0 2mm; padding-bottom: 1mm;
  border-bottom: 3px solid #1a1a1a; }
.qikit-a3 p { margin: 0 0 2mm; }
.qikit-a3 ul, .qikit-a3 ol { margin: 0 0 2mm; padding-left: 7mm; }
.qikit-a3 li { margin-bottom: 1.5mm; }
.qikit-a3 .qikit-text { white-space: pre-wrap; }
.qikit-a3 .a3-headline { font-size: 24pt; font-weight: 700; margin: 1mm 0 0; }
.qikit-a3 .a3-team { font-size: 15pt; color: #333333; margin: 1mm 0 0; }
.qikit-a3 .a3-aim { border: 4px solid #1a1a1a; border-radius: 4mm; padding: 3mm 5mm; }
.qikit-a3 .a3-aim h2 { border: none; margin: 0; padding: 0; font-size: 16pt; }
.qikit-a3 .a3-aim p { font-size: 22pt; font-weight: 700; margin: 0; }
.qikit-a3 .a3-grid { display: grid; grid-template-columns: 1fr 1.75fr 1fr; gap: 8mm;
  flex: 1 1 auto; min-height: 0; }
.qikit-a3 section { break-inside: avoid; page-break-inside: avoid; margin-bottom: 4mm; }
.qikit-a3 .a3-figure { margin: 0 0 2mm; border: 1px solid #555555; }
.qikit-a3 .a3-figure svg { display: block; width: 100%; height: auto; }
.qikit-a3 .a3-signal { font-weight: 700; font-size: 17pt; }
.qikit-a3 .a3-caption { border-left: 6px solid #1a1a1a; padding-left: 4mm; }
.qikit-a3 .a3-note { color: #333333; font-style: italic; }
.qikit-a3 .a3-gathering { font-size: 26pt; font-weight: 700; margin-top: 20mm; }
.qikit-a3 .a3-gathering + p { font-size: 18pt; }
.qikit-a3 footer { font-size: 12pt; margin-top: auto; color: #333333; border-top: 1px solid #555555;
  padding-top: 2mm; }
@media print {
  /* One sheet: the page box is the paper less its margins (a hair less, so rounding never
     starts a second page); anything longer is cut, not carried over. */
  .qikit-a3 { width: 400mm; height: 276mm; overflow: hidden; }
  .qikit-a3 .a3-grid { overflow: hidden; }
  .qikit-a3 .a3-back { display: none; }
}
@media screen {
  .qikit-a3 { max-width: 1600px; margin: 0 auto; padding: 24px; font-size: 18px; }
  .qikit-a3 h1 { font-size: 2.4rem; }
  .qikit-a3 a { color: #0b5cad; display: inline-flex; align-items: center; min-height: 44px; }
  .qikit-a3 a:focus-visible { outline: 3px solid #0b5cad; outline-offset: 2px; }
}
@media screen and (max-width: 900px) {
  .qikit-a3 .a3-grid { grid-template-columns: 1fr; }
}
</style>"""

#: The event's gallery, for a big screen (1920×1080 and 1280×720): large cards in a grid, each
#: a big link with the team's name, its aim and its key chart; a thick visible focus ring so
#: the cards can be stepped through with the Tab key.
GALLERY_CSS = """<style>
html, body { margin: 0; padding: 0; background: #ffffff; }
body { font-family: "Liberation Sans", Arial, Helvetica, "DejaVu Sans", sans-serif;
  color: #1a1a1a; font-size: 20px; line-height: 1.4; }
.qikit-gallery { max-width: 1840px; margin: 0 auto; padding: 24px 40px; box-sizing: border-box; }
.qikit-gallery h1 { font-size: 2.6rem; margin: 0 0 0.25rem; }
.qikit-gallery .g-intro { font-size: 1.3rem; margin: 0 0 1.25rem; max-width: 60rem; }
.qikit-gallery .g-cards { list-style: none; margin: 0; padding: 0; display: grid; gap: 28px;
  grid-template-columns: repeat(auto-fill, minmax(340px, 1fr)); }
.qikit-gallery .g-card { border: 3px solid #1a1a1a; border-radius: 10px; padding: 16px 20px;
  display: flex; flex-direction: column; gap: 10px; background: #ffffff; }
.qikit-gallery .g-card h2 { font-size: 1.7rem; margin: 0; line-height: 1.2; }
.qikit-gallery .g-card h2 a { color: #0b5cad; text-decoration: underline;
  text-underline-offset: 4px; display: inline-block; min-height: 44px; }
.qikit-gallery .g-aim { margin: 0; font-size: 1.15rem; }
.qikit-gallery .g-chart { width: 100%; height: auto; border: 1px solid #555555; display: block; }
.qikit-gallery .g-gathering { font-style: italic; margin: 0; }
.qikit-gallery .g-pdf { margin: auto 0 0; }
.qikit-gallery .g-pdf a { color: #0b5cad; display: inline-flex; align-items: center;
  min-height: 44px; font-size: 1.05rem; }
.qikit-gallery a:focus-visible { outline: 4px solid #1a1a1a; outline-offset: 3px; }
.qikit-gallery .g-card:focus-within { box-shadow: 0 0 0 4px #0b5cad; }
@media (min-width: 1800px) {
  .qikit-gallery .g-cards { grid-template-columns: repeat(3, minmax(0, 1fr)); }
}
@media (min-width: 1200px) and (max-width: 1799px) {
  .qikit-gallery .g-cards { grid-template-columns: repeat(3, minmax(0, 1fr)); }
  .qikit-gallery { padding: 16px 28px; }
  body { font-size: 18px; }
}
</style>"""
