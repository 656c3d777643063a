package dev.fusedgan.report;

import java.util.ArrayList;
import java.util.List;

/** A Markdown pipe table built row by row; cells are plain strings, already formatted by the caller. */
public final class MarkdownTable {
    private final List<String> header;
    private final List<List<String>> rows = new ArrayList<>();

    public MarkdownTable(List<String> header) {
        if (header.isEmpty()) throw new IllegalArgumentException("a table needs at least one column");
        this.header = List.copyOf(header);
    }

    public MarkdownTable row(List<String> cells) {
        if (cells.size() != header.size()) {
            throw new IllegalArgumentException("row of " + cells.size() + " cells in a table of " + header.size() + " columns");
        }
        rows.add(List.copyOf(cells));
        return this;
    }

    public String render() {
        StringBuilder sb = new StringBuilder();
        line(sb, header);
        line(sb, header.stream().map(h -> "---").toList());
        for (List<String> r : rows) line(sb, r);
        return sb.toString();
    }

    private static void line(StringBuilder sb, List<String> cells) {
        sb.append("| ").append(String.join(" | ", cells.stream().map(c -> c.replace("|", "\\|")).toList())).append(" |\n");
    }
}
