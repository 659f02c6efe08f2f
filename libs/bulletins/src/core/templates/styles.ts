// Inline so the page is one self-contained file; system fonts only (no web fonts to fetch).
export const CSS = `
*{box-sizing:border-box}
html{-webkit-text-size-adjust:100%}
body{margin:0;font:16px/1.55 system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans","Noto Sans CJK KR","Apple SD Gothic Neo","Malgun Gothic",sans-serif;color:#1a1a1a;background:#fff}
main{max-width:52rem;margin:0 auto;padding:1rem}
header{border-bottom:3px solid #0b3d91;margin-bottom:1rem}
h1{font-size:1.5rem;line-height:1.25;margin:.25rem 0 .5rem;color:#0b3d91}
h2{font-size:1.2rem;margin:1.75rem 0 .5rem;color:#0b3d91}
h3{font-size:1rem;margin:1rem 0 .25rem}
p{margin:.5rem 0}
.period{font-weight:600;font-size:1.05rem}
.meta,.note,figcaption,.caption{color:#4a4a4a;font-size:.9rem}
.scroll{overflow-x:auto;-webkit-overflow-scrolling:touch;max-width:100%}
table{border-collapse:collapse;width:100%;font-size:.92rem;margin:.5rem 0}
.caption{margin:.75rem 0 0;font-weight:600}
th,td{padding:.4rem .5rem;border-bottom:1px solid #d9d9d9;text-align:left;vertical-align:top;overflow-wrap:break-word}
thead th{background:#f2f5fa;font-weight:600}
tbody th{font-weight:600}
td.num,th.num{text-align:right}
td.num{font-variant-numeric:tabular-nums}
:lang(ko){word-break:keep-all}
/* The chart's numbers stay a grid; on a phone it scrolls sideways inside its box with the week column pinned. */
table.grid-data{font-size:.85rem;width:auto;min-width:100%}
table.grid-data th,table.grid-data td{padding:.35rem .45rem}
table.grid-data thead th{min-width:4.5rem;vertical-align:bottom}
table.grid-data td{white-space:nowrap}
table.grid-data tbody th{position:sticky;left:0;background:#fff;white-space:nowrap}
/* On a phone a four-column comparison does not fit: each row becomes a small card of label/value lines. */
@media (max-width:36rem){
table.cards thead{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0)}
table.cards tr{display:block;border-bottom:1px solid #d9d9d9;padding:.4rem 0}
table.cards th,table.cards td{display:flex;justify-content:space-between;gap:1rem;border:0;padding:.1rem 0;text-align:right}
table.cards th{text-align:left}
table.cards td::before{content:attr(data-label);color:#4a4a4a;font-weight:400;text-align:left}
}
code{font:.9rem/1.4 ui-monospace,"SFMono-Regular",Menlo,Consolas,monospace;overflow-wrap:anywhere;word-break:break-all}
figure{margin:.5rem 0}
.chart{display:block;width:100%;max-width:40rem;height:auto;background:#fff}
.chart .grid{stroke:#e3e3e3;stroke-width:1}
.chart .band{fill:#eeeeee}
.chart .tick{font-size:10px;fill:#4a4a4a;font-family:inherit}
.legend{list-style:none;padding:0;margin:.25rem 0;display:flex;flex-wrap:wrap;gap:.25rem 1rem;font-size:.9rem}
.legend li{display:flex;align-items:center;gap:.35rem}
.legend .band-key{display:inline-block;width:24px;height:10px;background:#eee;border:1px solid #ccc}
ul.rising{padding-left:1.25rem}
.advice h3{color:#0b3d91}
footer{margin-top:2rem;border-top:1px solid #d9d9d9;padding-top:.5rem}
@media (min-width:48rem){main{padding:2rem}h1{font-size:1.9rem}}
@media print{.scroll{overflow:visible}}
`;
