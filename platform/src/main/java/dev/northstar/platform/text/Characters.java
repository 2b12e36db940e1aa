package dev.northstar.platform.text;

/** Which characters a written document (Markdown, XML) may hold as text. */
final class Characters {
    static final int REPLACEMENT = 0xfffd;

    /**
     * False for control characters but tab, line feed and carriage return (C0, DEL and C1), unpaired surrogates and
     * noncharacters (U+FDD0 to U+FDEF and the last two code points of every plane, U+FFFE and U+FFFF among them).
     */
    static boolean printable(int c) {
        boolean control = (c < 0x20 && c != '\t' && c != '\n' && c != '\r') || (c >= 0x7f && c <= 0x9f);
        boolean surrogate = c >= 0xd800 && c <= 0xdfff;
        boolean noncharacter = (c >= 0xfdd0 && c <= 0xfdef) || (c & 0xfffe) == 0xfffe;
        return !control && !surrogate && !noncharacter;
    }

    private Characters() {
    }
}
