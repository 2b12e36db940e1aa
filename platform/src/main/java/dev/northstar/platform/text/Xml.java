package dev.northstar.platform.text;

/**
 * User text placed inside XML that Northstar writes (the Atom changelog): markup characters escaped (and a carriage
 * return, which a parser would read as a line feed), and every character XML 1.0 cannot hold (controls, unpaired
 * surrogates, U+FFFE, U+FFFF) read as U+FFFD, so the document stays well-formed whatever was stored.
 */
public final class Xml {

    /** {@code text} as XML character data or attribute value. */
    public static String text(String text) {
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); ) {
            int c = text.codePointAt(i);
            i += Character.charCount(c);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&apos;");
                case '\r' -> out.append("&#13;");
                default -> out.appendCodePoint(Characters.printable(c) ? c : Characters.REPLACEMENT);
            }
        }
        return out.toString();
    }

    private Xml() {
    }
}
