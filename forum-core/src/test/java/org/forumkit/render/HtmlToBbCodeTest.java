package org.forumkit.render;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("HTML of imported comments to BBCode")
class HtmlToBbCodeTest {

    @Test
    @DisplayName("the allowed markup maps to BBCode, paragraphs to blank lines")
    void maps() {
        assertThat(HtmlToBbCode.convert("<p>a <strong>b</strong> <em>c</em> <u>d</u> <del>e</del></p><p>f<br>g</p>"))
                .isEqualTo("a [b]b[/b] [i]c[/i] [u]d[/u] [s]e[/s]\n\nf\ng");
        assertThat(HtmlToBbCode.convert("<blockquote>q</blockquote><ul><li>x</li><li>y</li></ul>"))
                .isEqualTo("[quote]q[/quote]\n\n[list]\n[*]x\n[*]y\n[/list]");
        assertThat(HtmlToBbCode.convert("<pre>  code\n  here</pre>")).isEqualTo("[code]  code\n  here[/code]");
        assertThat(HtmlToBbCode.convert("<a href=\"https://e.org/\">e</a> <img src=\"https://e.org/i.png\">"))
                .isEqualTo("[url=https://e.org/]e[/url] [img]https://e.org/i.png[/img]");
    }

    @Test
    @DisplayName("what the allow-list refuses is gone before the conversion")
    void cleansFirst() {
        String bbcode = HtmlToBbCode.convert("<script>alert(1)</script><a href=\"javascript:alert(2)\">x</a>"
                + "<img src=\"javascript:alert(3)\"><iframe src=\"https://evil\"></iframe><p onclick=\"y()\">ok</p>");
        assertThat(bbcode).isEqualTo("x\n\nok").doesNotContain("alert");
        assertThat(new BbCodeRenderer().render(bbcode)).doesNotContain("script").doesNotContain("javascript");
    }
}
