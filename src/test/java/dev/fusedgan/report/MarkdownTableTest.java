package dev.fusedgan.report;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class MarkdownTableTest {
    @Test
    void rendersHeaderSeparatorAndRowsWithPipesEscaped() {
        String t = new MarkdownTable(List.of("loss", "value")).row(List.of("MAE |e|", "1")).render();
        assertEquals("| loss | value |\n| --- | --- |\n| MAE \\|e\\| | 1 |\n", t);
    }

    @Test
    void rowOfTheWrongWidthIsRefused() {
        MarkdownTable t = new MarkdownTable(List.of("a", "b"));
        assertThrows(IllegalArgumentException.class, () -> t.row(List.of("1")));
    }
}
