package io.vtnio.compare.report;

/**
 * The report's stylesheet, inlined so the page needs nothing beside itself.
 */
final class ReportStyle {

    static final String CSS = """
            :root { color-scheme: light; }
            body { margin: 0; background: #f6f7f9; color: #1d2125;
                   font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "DejaVu Sans", sans-serif; }
            main { max-width: 1400px; margin: 0 auto; padding: 20px 28px 40px; }
            header h1 { font-size: 28px; margin: 4px 0 2px; }
            header .vs { color: #8a9099; font-weight: 400; font-size: 20px; }
            .sub { color: #5b636d; margin: 0 0 6px; }
            .legend { color: #3b424a; margin: 4px 0 0; }
            .swatch { display: inline-block; width: 10px; height: 10px; border-radius: 2px; margin-right: 6px; }
            section { background: #fff; border: 1px solid #e3e6ea; border-radius: 8px; padding: 14px 18px;
                      margin: 16px 0; }
            h2 { font-size: 18px; margin: 0 0 6px; }
            h2 .name { font: 12px ui-monospace, "DejaVu Sans Mono", monospace; color: #8a9099; font-weight: 400;
                       margin-left: 6px; }
            table.glance { font-variant-numeric: tabular-nums; margin: 4px 0 6px; }
            table.glance th, table.glance td { padding: 4px 12px; border-bottom: 1px solid #f0f1f3; text-align: right;
                                               white-space: nowrap; }
            table.glance thead th { border-bottom: 2px solid #d9dde2; }
            table.glance tbody th, table.glance td.label { text-align: left; font-weight: 400; }
            table.glance td.best { font-weight: 700; background: #e9f5ec; }
            table.glance .ratio, table.glance .cpu { color: #5b636d; }
            table.glance th.cpu { text-align: center; }
            table.glance th.text { text-align: left; }
            table.glance td.verdicts { white-space: normal; min-width: 240px; max-width: 420px; }
            .notes p { margin: 2px 0; color: #8a4b00; }
            a { color: #1f5fa8; text-decoration: none; }
            a:hover { text-decoration: underline; }
            .what { color: #3b424a; margin: 0 0 10px; max-width: 1100px; }
            .body { display: grid; grid-template-columns: minmax(380px, max-content) 1fr; gap: 18px;
                    align-items: start; }
            .charts { display: flex; flex-wrap: wrap; gap: 12px; }
            img.chart { width: 446px; height: 285px; border: 1px solid #eceef1; border-radius: 4px; }
            table { border-collapse: collapse; }
            table.figures { width: 100%; font-variant-numeric: tabular-nums; }
            table.figures th, table.figures td { padding: 3px 8px; border-bottom: 1px solid #f0f1f3; }
            table.figures thead th { text-align: right; border-bottom: 2px solid #d9dde2; }
            table.figures tbody th { text-align: left; font-weight: 400; color: #2c3238; white-space: nowrap; }
            table.figures td { text-align: right; white-space: nowrap; }
            table.figures td.best { font-weight: 700; background: #e9f5ec; }
            table.figures .ratio { color: #5b636d; }
            table.figures tr.detail th, table.figures tr.detail td { color: #7b828b; font-size: 13px; }
            .dir { color: #a0a6ad; font-size: 10px; }
            .verdict-ahead { font-weight: 600; }
            .verdict-inconclusive { color: #8a6d00; }
            .verdict { margin: 10px 0 6px; padding: 6px 10px; background: #f1f5fb; border-left: 3px solid #1f77b4;
                       border-radius: 3px; }
            .flags { color: #5b636d; font-size: 12px; margin: 8px 0 0; }
            .flag { white-space: nowrap; }
            code { font: 12px ui-monospace, "DejaVu Sans Mono", monospace; background: #f1f2f4; padding: 1px 4px;
                   border-radius: 3px; word-break: break-word; }
            details { margin-top: 10px; }
            summary { cursor: pointer; color: #1f5fa8; }
            table.rounds { margin-top: 6px; font-variant-numeric: tabular-nums; font-size: 13px; }
            table.rounds th, table.rounds td { padding: 2px 10px; border-bottom: 1px solid #f0f1f3; text-align: right; }
            table.rounds td.files, table.rounds td.failed { text-align: left; }
            table.rounds td.failed { color: #b3261e; }
            table.setup th { text-align: left; vertical-align: top; padding: 3px 16px 3px 0; font-weight: 600;
                             white-space: nowrap; }
            table.setup td { padding: 3px 0; }
            .read li { margin: 4px 0; max-width: 1150px; }
            .nochart { color: #b3261e; }
            @media (max-width: 980px) { .body { grid-template-columns: 1fr; } img.chart { width: 100%;
                height: auto; } }
            """;

    private ReportStyle() {
    }
}
