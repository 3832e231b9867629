package io.clusterkv.chaos.report;

import java.util.List;
import java.util.Locale;

/**
 * A minimal SVG writer: elements appended in painting order, text escaped, coordinates rounded to a tenth of a
 * pixel so files stay small and diff well. Attributes are passed as pre-formatted text built by the caller from
 * constants and numbers; only text content and titles come from the run, and those are escaped.
 */
final class SvgDocument {

    private final StringBuilder svg = new StringBuilder();

    SvgDocument(int width, int height) {
        svg.append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(width).append("\" height=\"")
                .append(height).append("\" viewBox=\"0 0 ").append(width).append(' ').append(height)
                .append("\" font-family=\"Helvetica, Arial, sans-serif\" font-size=\"11\">\n");
        rect(0, 0, width, height, "fill=\"white\"");
    }

    void rect(double x, double y, double width, double height, String attributes) {
        svg.append("<rect x=\"").append(num(x)).append("\" y=\"").append(num(y)).append("\" width=\"")
                .append(num(width)).append("\" height=\"").append(num(height)).append("\" ").append(attributes)
                .append("/>\n");
    }

    /** A rectangle with a tooltip, e.g. a fault window with its description. */
    void rect(double x, double y, double width, double height, String attributes, String tooltip) {
        svg.append("<rect x=\"").append(num(x)).append("\" y=\"").append(num(y)).append("\" width=\"")
                .append(num(width)).append("\" height=\"").append(num(height)).append("\" ").append(attributes)
                .append("><title>").append(escape(tooltip)).append("</title></rect>\n");
    }

    void line(double x1, double y1, double x2, double y2, String attributes) {
        svg.append("<line x1=\"").append(num(x1)).append("\" y1=\"").append(num(y1)).append("\" x2=\"")
                .append(num(x2)).append("\" y2=\"").append(num(y2)).append("\" ").append(attributes).append("/>\n");
    }

    void polyline(List<double[]> points, String attributes) {
        if (points.isEmpty()) {
            return;
        }
        svg.append("<polyline fill=\"none\" points=\"");
        for (double[] point : points) {
            svg.append(num(point[0])).append(',').append(num(point[1])).append(' ');
        }
        svg.setLength(svg.length() - 1);
        svg.append("\" ").append(attributes).append("/>\n");
    }

    void circle(double cx, double cy, double r, String attributes) {
        svg.append("<circle cx=\"").append(num(cx)).append("\" cy=\"").append(num(cy)).append("\" r=\"")
                .append(num(r)).append("\" ").append(attributes).append("/>\n");
    }

    void text(double x, double y, String content, String attributes) {
        svg.append("<text x=\"").append(num(x)).append("\" y=\"").append(num(y)).append("\" ").append(attributes)
                .append('>').append(escape(content)).append("</text>\n");
    }

    void beginGroup(String attributes) {
        svg.append("<g ").append(attributes).append(">\n");
    }

    void endGroup() {
        svg.append("</g>\n");
    }

    String finish() {
        return svg + "</svg>\n";
    }

    static String num(double value) {
        String text = String.format(Locale.ROOT, "%.1f", value);
        return text.endsWith(".0") ? text.substring(0, text.length() - 2) : text;
    }

    static String escape(String text) {
        StringBuilder escaped = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            switch (c) {
                case '&' -> escaped.append("&amp;");
                case '<' -> escaped.append("&lt;");
                case '>' -> escaped.append("&gt;");
                case '"' -> escaped.append("&quot;");
                case '\'' -> escaped.append("&apos;");
                default -> escaped.append(c < 0x20 && c != '\t' ? ' ' : c);
            }
        }
        return escaped.toString();
    }
}
