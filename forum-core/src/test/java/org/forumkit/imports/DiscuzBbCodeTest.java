package org.forumkit.imports;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.forumkit.render.BbCodeRenderer;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Discuz! X3 BBCode as the forum stores it: quotes of posts, [hide], smilies, tags the renderer lacks")
class DiscuzBbCodeTest {
    private static final String QUOTE = "[quote][size=2][url=forum.php?mod=redirect&goto=findpost&pid=%s&ptid=1]"
            + "[color=#999999]备考 发表于 2012-8-7 09:21[/color] [img]static/image/common/back.gif[/img][/url][/size]\n"
            + "四是加强社会工作专业人才队伍建设...[/quote]\n\n希望该培训真的能系统落实~";

    @Test
    @DisplayName("a quote pointing at a post of the thread leaves the body and names that post with its text")
    void quoteOfAPostOfTheThread() {
        DiscuzBbCode.Converted c = DiscuzBbCode.convert(QUOTE.formatted("2"), Set.of("2"), true);
        assertThat(c.body()).isEqualTo("希望该培训真的能系统落实~");
        assertThat(c.quoted()).containsExactly("2");
        assertThat(c.excerpts()).containsEntry("2", "四是加强社会工作专业人才队伍建设...");
    }

    @Test
    @DisplayName("a quote of a post elsewhere stays a quote naming its author, without the link header")
    void quoteOfAnotherThread() {
        DiscuzBbCode.Converted c = DiscuzBbCode.convert(QUOTE.formatted("99").replace("&", "&amp;"), Set.of("2"), true);
        assertThat(c.quoted()).isEmpty();
        assertThat(c.body()).startsWith("[quote=备考]四是加强社会工作专业人才队伍建设...[/quote]").doesNotContain("findpost");
        assertThat(new BbCodeRenderer().render(c.body())).contains("<cite class=\"fk-quote-author\">备考</cite>");
    }

    @Test
    @DisplayName("[hide] content becomes a notice: neither the body nor the rendered page holds it")
    void hideIsNotMadePublic() {
        DiscuzBbCode.Converted c = DiscuzBbCode.convert("公开\n[hide]回复可见的秘密[/hide]\n[hide=d7,50]积分可见[/hide]",
                Set.of(), true);
        assertThat(c.hidden()).isEqualTo(2);
        assertThat(c.body()).doesNotContain("秘密").doesNotContain("积分可见").contains("隐藏内容");
        String html = new BbCodeRenderer().render(c.body());
        assertThat(html).doesNotContain("秘密").doesNotContain("[hide");
    }

    @Test
    @DisplayName("default smilies become emoji, but not inside [code] nor in a URL; tags the renderer lacks are unwrapped")
    void smiliesAndUnknownTags() {
        DiscuzBbCode.Converted c = DiscuzBbCode.convert("好 :) [font=宋体][backcolor=yellow]黄[/backcolor][/font] "
                + ":lol http://a.example/:D [code]x :)[/code] [size=14px]大[/size] [attach]12[/attach]", Set.of(), true);
        assertThat(c.body()).isEqualTo("好 🙂 黄 😂 http://a.example/:D [code]x :)[/code] 大 "
                + "（附件 12 未导入 · attachment 12 not imported）");
        assertThat(c.attachments()).isEqualTo(1);
        assertThat(DiscuzBbCode.convert("好 :)", Set.of(), false).body()).as("smileyoff").isEqualTo("好 :)");
    }
}
