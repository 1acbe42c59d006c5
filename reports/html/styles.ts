const FONT_STACK = 'system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif';
const CIRCLE = 'width:2rem;height:2rem;border-radius:50%';
const PILL = 'display:inline-block;padding:.1rem .55rem;border-radius:999px';

/** The report's stylesheet: system fonts, clear pass/fail colours, responsive tables and charts. */
export const STYLES = `
:root{--pass:#1a7f37;--pass-bg:#dafbe1;--fail:#cf222e;--fail-bg:#ffebe9;--warn:#9a6700;--warn-bg:#fff8c5;
--ink:#1f2328;--muted:#59636e;--line:#d1d9e0;--card:#fff;--page:#f6f8fa;--link:#0969da}
*{box-sizing:border-box}
[hidden]{display:none!important}
body{margin:0;background:var(--page);color:var(--ink);font:15px/1.5 ${FONT_STACK}}
a{color:var(--link)}
main{max-width:1400px;margin:0 auto;padding:1rem 1.25rem 4rem}
header.banner{padding:1.25rem 1.5rem;border-radius:10px;margin:1rem 0;border-left:8px solid}
header.banner.passed{background:var(--pass-bg);border-color:var(--pass)}
header.banner.failed{background:var(--fail-bg);border-color:var(--fail)}
header.banner h1{margin:0 0 .25rem;font-size:1.6rem;display:flex;align-items:center;gap:.6rem}
.mark{display:inline-flex;align-items:center;justify-content:center;${CIRCLE};color:#fff;font-size:1.2rem;flex:none}
.passed .mark{background:var(--pass)}.failed .mark{background:var(--fail)}
header.banner p{margin:0;color:var(--muted)}
section.card{background:var(--card);border:1px solid var(--line);border-radius:10px;padding:1rem 1.25rem;margin:1.25rem 0}
section.scenario.failed{border-top:6px solid var(--fail)}
section.scenario.passed{border-top:6px solid var(--pass)}
h2{margin:.25rem 0 .5rem;font-size:1.35rem;display:flex;gap:.6rem;align-items:center;flex-wrap:wrap;overflow-wrap:anywhere}
h3{margin:1.25rem 0 .5rem;font-size:1.05rem;border-bottom:1px solid var(--line);padding-bottom:.2rem}
h4{margin:1rem 0 .35rem;font-size:.95rem}
.anchor{color:var(--muted);text-decoration:none;font-weight:normal}
.badge{${PILL};font-size:.8rem;font-weight:700;letter-spacing:.03em;white-space:nowrap}
.badge.pass{background:var(--pass-bg);color:var(--pass);border:1px solid var(--pass)}
.badge.fail{background:var(--fail-bg);color:var(--fail);border:1px solid var(--fail)}
.muted{color:var(--muted)}
.better{color:var(--pass);font-weight:600}
.worse{color:var(--fail);font-weight:600}
.delta{font-size:.85em}
.note{background:var(--warn-bg);border-left:4px solid var(--warn);padding:.4rem .75rem;margin:.5rem 0}
.scroll{overflow-x:auto}
table{border-collapse:collapse;width:100%;font-size:.9rem;margin:.25rem 0 .75rem}
th,td{border-bottom:1px solid var(--line);padding:.35rem .5rem;text-align:left;vertical-align:top}
th{background:#f0f3f6;font-weight:600;white-space:nowrap}
td.num,th.num{text-align:right;font-variant-numeric:tabular-nums}
tr.failed td:first-child{box-shadow:inset 4px 0 var(--fail)}
tr.passed td:first-child{box-shadow:inset 4px 0 var(--pass)}
td code,li code{font-size:.85em;background:#eff2f5;padding:0 .25rem;border-radius:4px;white-space:nowrap}
table.log td{overflow-wrap:anywhere;font-size:.85rem}table.log td:nth-child(6){min-width:16rem}
ul.evidence{margin:.25rem 0 0;padding-left:1.2rem}details.cause{margin:.2rem 0 .4rem}details.cause table{font-size:.85em}
dl.facts{display:grid;grid-template-columns:repeat(auto-fill,minmax(210px,1fr));gap:.25rem 1rem;margin:.5rem 0}
dl.facts div{background:#f6f8fa;border-radius:6px;padding:.3rem .6rem}
dl.facts dt{font-size:.75rem;color:var(--muted);text-transform:uppercase;letter-spacing:.04em}
dl.facts dd{margin:0;font-weight:600;overflow-wrap:break-word}
.charts{display:grid;grid-template-columns:1fr;gap:1rem}
@media (min-width:1900px){main{max-width:1860px}.charts{grid-template-columns:1fr 1fr}}
figure.chart{margin:0;border:1px solid var(--line);border-radius:8px;padding:.5rem;background:#fff}
figure.chart img{display:block;width:100%;height:auto}
figure.chart .chart-canvas{position:relative;width:100%}
figure.chart figcaption{font-size:.85rem;color:var(--muted);margin-top:.35rem}
ol.failures{padding-left:1.3rem}ol.failures li{margin:.35rem 0}
#filters{display:flex;flex-wrap:wrap;gap:.5rem 1rem;align-items:center;margin:.25rem 0 .5rem}
#filters button{font:inherit;font-size:.85rem;padding:.2rem .6rem;border:1px solid var(--line);border-radius:6px;background:#f6f8fa}
#filters button{cursor:pointer}
#filters button[aria-pressed="true"]{background:var(--link);border-color:var(--link);color:#fff}
.status-filter{display:flex;flex-wrap:wrap;gap:.3rem}
#filter-q{font:inherit;padding:.2rem .5rem;min-width:18rem;border:1px solid var(--line);border-radius:6px}
p.shown{margin:.25rem 0 .5rem;color:var(--muted)}
#scenario-list>details{border-bottom:1px solid var(--line);padding:.3rem .25rem .3rem .6rem}
#scenario-list>details[data-status=failed]{box-shadow:inset 4px 0 var(--fail)}
#scenario-list>details[data-status=passed]{box-shadow:inset 4px 0 var(--pass)}
#scenario-list summary{cursor:pointer;overflow-wrap:anywhere}
#scenario-list .scenario-name{font-weight:600}
#scenario-list summary small{color:var(--muted);font-size:.85rem}
ul.verdicts{margin:.3rem 0;padding-left:1.6rem;list-style:none}
ul.verdicts li{margin:.15rem 0;overflow-wrap:anywhere}
ul.verdicts b{font-weight:normal}ul.verdicts li.fail b{font-weight:600}
ul.verdicts li::before{display:inline-block;width:1.2rem;margin-left:-1.2rem;font-weight:700;content:"✓";color:var(--pass)}
ul.verdicts li.fail::before{content:"✗";color:var(--fail)}
.tag{${PILL};font-size:.75rem;background:#ddf4ff;color:#0550ae}
.match{background:var(--warn-bg)}
nav.pager{display:flex;flex-wrap:wrap;gap:.4rem 1rem;align-items:baseline;margin:1rem 0 0}
@media (max-width:700px){body{font-size:14px}main{padding:.5rem}section.card{padding:.75rem}th,td{padding:.25rem .35rem}}
`;
