package dev.northstar.platform.testing;

import org.commonmark.node.AbstractVisitor;
import org.commonmark.node.Heading;
import org.commonmark.node.HtmlBlock;
import org.commonmark.node.HtmlInline;
import org.commonmark.node.Image;
import org.commonmark.node.Link;
import org.commonmark.node.Node;
import org.commonmark.node.Text;
import org.commonmark.parser.Parser;

import java.util.ArrayList;
import java.util.List;

/**
 * Markdown a service wrote, as a CommonMark renderer reads it: the headings a reader sees, and every link, image and
 * piece of raw HTML in it (user text must add none).
 */
public record RenderedMarkdown(List<String> headings, List<String> links, List<String> images, List<String> html) {

    public static RenderedMarkdown of(String markdown) {
        Node document = Parser.builder().build().parse(markdown);
        List<String> headings = new ArrayList<>();
        List<String> links = new ArrayList<>();
        List<String> images = new ArrayList<>();
        List<String> html = new ArrayList<>();
        document.accept(new AbstractVisitor() {
            @Override
            public void visit(Heading heading) {
                headings.add("#".repeat(heading.getLevel()) + " " + textOf(heading));
            }

            @Override
            public void visit(Link link) {
                links.add(link.getDestination());
                visitChildren(link);
            }

            @Override
            public void visit(Image image) {
                images.add(image.getDestination());
            }

            @Override
            public void visit(HtmlInline inline) {
                html.add(inline.getLiteral());
            }

            @Override
            public void visit(HtmlBlock block) {
                html.add(block.getLiteral());
            }
        });
        return new RenderedMarkdown(headings, links, images, html);
    }

    /** The text a reader sees in the whole document (escapes resolved; no markup). */
    public static String plainText(String markdown) {
        return textOf(Parser.builder().build().parse(markdown));
    }

    /** The text a reader sees in a node (escapes resolved). */
    public static String textOf(Node node) {
        StringBuilder text = new StringBuilder();
        node.accept(new AbstractVisitor() {
            @Override
            public void visit(Text t) {
                text.append(t.getLiteral());
            }
        });
        return text.toString();
    }
}
