package dev.northstar.platform.text;

/**
 * User text (a title, a release name, a health report) placed inside Markdown that Northstar writes. The text stays
 * one line of plain text whatever it holds: line breaks become spaces and what could open a block at its start
 * ({@code # - + = >}, {@code 1.}, {@code 1)}) is escaped, so it cannot start a heading, a list, a quote or a table;
 * and the characters of inline Markdown ({@code \ ` * _ [ ] < > & | ~ #}) are escaped with a backslash everywhere, so
 * it cannot open a link, an image, an autolink, raw HTML, an entity, code or emphasis (and so no {@code javascript:}
 * link either). Other punctuation stays as it is, for the people who paste the Markdown where it is not rendered. Characters no document should hold (controls, noncharacters,
 * unpaired surrogates) read as U+FFFD. Renderers that link bare {@code http://} and {@code www.} text (GFM's
 * extended autolinks) still do so, as they do for any plain text.
 */
public final class Markdown {
    private static final String INLINE = "\\`*_[]<>&|~#";
    private static final String BLOCK_START = "-+=>";

    /** {@code text} as literal inline Markdown; {@code fallback} when it is null. */
    public static String text(String text, String fallback) {
        return text == null ? fallback : text(text);
    }

    /** {@code text} as literal inline Markdown. */
    public static String text(String text) {
        String line = text.strip();
        StringBuilder out = new StringBuilder(line.length() + 16);
        boolean space = false;
        int ordinal = ordinalEnd(line);
        for (int i = 0; i < line.length(); ) {
            int at = i;
            int c = line.codePointAt(i);
            i += Character.charCount(c);
            if (c == '\n' || c == '\r' || c == '\t' || c == 0x2028 || c == 0x2029) {
                if (!space) {
                    out.append(' ');
                }
                space = true;
                continue;
            }
            space = false;
            if (c < 0x80 && (INLINE.indexOf(c) >= 0 || at == 0 && BLOCK_START.indexOf(c) >= 0 || at == ordinal)) {
                out.append('\\').append((char) c);
            } else {
                out.appendCodePoint(Characters.printable(c) ? c : Characters.REPLACEMENT);
            }
        }
        return out.toString();
    }

    /** Where {@code 1.} or {@code 1)} at the start of a line would make it an ordered list: the dot's index, or -1. */
    private static int ordinalEnd(String line) {
        int digits = 0;
        while (digits < line.length() && digits < 10 && line.charAt(digits) >= '0' && line.charAt(digits) <= '9') {
            digits++;
        }
        return digits > 0 && digits < line.length() && (line.charAt(digits) == '.' || line.charAt(digits) == ')') ? digits : -1;
    }

    private Markdown() {
    }
}
