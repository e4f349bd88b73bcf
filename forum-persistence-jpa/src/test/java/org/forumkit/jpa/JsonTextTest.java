package org.forumkit.jpa;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Set;
import org.forumkit.model.AccessPolicy;
import org.forumkit.model.BoardModeration;
import org.forumkit.model.Action;
import org.forumkit.model.Audience;
import org.forumkit.model.UserId;
import org.junit.jupiter.api.Test;

class JsonTextTest {

    @Test
    void stringsRoundTripWhateverTheyHold() {
        List<String> values = List.of("", "plain", "\"quoted\"", "back\\slash", "line\nbreak\r\ttab", "\u0001ctl",
                "中文😀", "[a,b]", "{\"x\":1}");
        String json = JsonText.strings(values);
        assertThat(JsonText.strings(json)).isEqualTo(values);
        assertThat(JsonText.strings("[]")).isEmpty();
        assertThat(JsonText.strings(" [ \"a\" , \"b\" ] ")).containsExactly("a", "b");
    }

    @Test
    void userIdsAreWrittenSortedSoTheSameSetGivesTheSameText() {
        Set<UserId> ids = Set.of(UserId.of("b"), UserId.of("a"), UserId.of("用户"));
        assertThat(JsonText.userIds(ids)).isEqualTo("[\"a\",\"b\",\"用户\"]");
        assertThat(JsonText.userIds(JsonText.userIds(ids))).isEqualTo(ids);
    }

    @Test
    void policiesRoundTripWithRoles() {
        AccessPolicy policy = AccessPolicy.DEFAULT
                .with(Action.REPLY, Audience.roles("vip", "会员"))
                .with(Action.VOTE, Audience.NOBODY);
        String json = JsonText.policy(policy);
        assertThat(json).startsWith("{\"VIEW\":[\"EVERYONE\"]").contains("\"REPLY\":[\"ROLES\",\"vip\",\"会员\"]");
        assertThat(JsonText.policy(json)).isEqualTo(policy);
    }

    @Test
    void aBoardsPolicyAndModerationAreParsedOnceForTheSameText() {
        // every reply and vote maps its board: the same text gives the same (immutable) value, a different one its own
        String open = JsonText.policy(AccessPolicy.DEFAULT);
        String vip = JsonText.policy(AccessPolicy.DEFAULT.with(Action.REPLY, Audience.roles("vip")));
        assertThat(JsonText.policy(new String(open))).isSameAs(JsonText.policy(new String(open)));
        assertThat(JsonText.policy(vip)).isEqualTo(AccessPolicy.DEFAULT.with(Action.REPLY, Audience.roles("vip")))
                .isNotEqualTo(JsonText.policy(open));
        String moderation = JsonText.moderation(BoardModeration.OFF);
        assertThat(JsonText.moderation(new String(moderation))).isSameAs(JsonText.moderation(new String(moderation)))
                .isEqualTo(BoardModeration.OFF);
    }

    @Test
    void refusesWhatItDidNotWrite() {
        assertThatThrownBy(() -> JsonText.strings("[\"a\"")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> JsonText.strings("[\"a\"] x")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> JsonText.policy("{\"VIEW\":[]}")).isInstanceOf(IllegalArgumentException.class);
    }
}
