package dev.northstar.platform;

import dev.northstar.platform.testing.RenderedMarkdown;
import dev.northstar.platform.text.Markdown;
import dev.northstar.platform.text.Xml;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.xml.sax.InputSource;

import javax.xml.parsers.DocumentBuilderFactory;
import java.io.StringReader;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** User text inside the Markdown and XML the services write reads as the text it is, and adds nothing. */
class TextOutputTest {
    static final List<String> HOSTILE = List.of(
            "Spring\n# Injected",
            "[click](javascript:alert(1))",
            "![pixel](https://evil.example/p.png)",
            "<javascript:alert(1)>",
            "<a href=\"javascript:alert(1)\">x</a>",
            "<img src=x onerror=alert(1)>",
            "[x]: javascript:alert(1)",
            "&#106;avascript",
            "1. first",
            "- - nested",
            "> quoted",
            "---",
            "*bold* _em_ `code` ~~gone~~ | a | b |",
            "x\r\n\r\n## Second\n\n[a](javascript:b)",
            "Ends with #",
            "tab\tand \\ backslash");

    @Test
    void user_text_in_markdown_adds_no_heading_link_image_or_html_and_reads_as_written() {
        for (String text : HOSTILE) {
            String markdown = "# Release " + Markdown.text(text) + "\n\n## Initiative\n\n- " + Markdown.text(text) + "\n";
            RenderedMarkdown rendered = RenderedMarkdown.of(markdown);
            assertThat(rendered.headings()).as(text).hasSize(2).startsWith("# Release " + text.strip().replaceAll("[\\r\\n\\t]+", " "));
            assertThat(rendered.links()).as(text).isEmpty();
            assertThat(rendered.images()).as(text).isEmpty();
            assertThat(rendered.html()).as(text).isEmpty();
        }
    }

    @Test
    void characters_no_document_may_hold_read_as_the_replacement_character() {
        String text = "Spring \uFFFF\uFFFE\u0001\u0085\uD800 \uFDD0 release";
        assertThat(Markdown.text(text)).isEqualTo("Spring \uFFFD\uFFFD\uFFFD\uFFFD\uFFFD \uFFFD release");
        assertThat(Xml.text(text)).isEqualTo("Spring \uFFFD\uFFFD\uFFFD\uFFFD\uFFFD \uFFFD release");
        assertThat(Markdown.text("Saved cards \uD83D\uDCB3")).isEqualTo("Saved cards \uD83D\uDCB3");
    }

    @Test
    void user_text_in_xml_keeps_the_document_well_formed() throws Exception {
        for (String text : HOSTILE) {
            String hostile = text + " \uFFFF \u0000 \uD800 ]]> '\"";
            String xml = "<?xml version=\"1.0\" encoding=\"utf-8\"?><feed a=\"" + Xml.text(hostile) + "\"><title>"
                    + Xml.text(hostile) + "</title></feed>";
            Document document = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                    .parse(new InputSource(new StringReader(xml)));
            assertThat(document.getDocumentElement().getElementsByTagName("title").item(0).getTextContent())
                    .isEqualTo(text + " \uFFFD \uFFFD \uFFFD ]]> '\"");
        }
    }
}
