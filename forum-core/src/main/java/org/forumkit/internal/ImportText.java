package org.forumkit.internal;

import java.util.ArrayList;
import java.util.List;
import org.forumkit.ForumSettings;
import org.forumkit.censor.CensorAction;
import org.forumkit.censor.CensorResult;
import org.forumkit.model.Board;
import org.forumkit.spi.CensorPolicy;

/**
 * The forum's text rules for imported titles and bodies, as for text written through the forum: Unicode clean-up,
 * the length limits, the board's censored words. An import keeps history instead of refusing it, so what a command
 * would refuse is kept and flagged instead: a too long body is cut, a REJECT or MODERATE word holds the post for
 * moderation; each such case is a note for the report.
 */
final class ImportText {
    private final ForumSettings settings;
    private final CensorPolicy censorPolicy;

    ImportText(ForumSettings settings, CensorPolicy censorPolicy) {
        this.settings = settings;
        this.censorPolicy = censorPolicy;
    }

    /** A text to store, whether a censored word holds its post, and what was changed (reason, detail). */
    record Result(String text, boolean held, List<String[]> notes) {
    }

    Result title(Board board, String raw) {
        String text = TextRules.line(raw);
        List<String[]> notes = new ArrayList<>();
        if (TextRules.length(text) > settings.maxTitleLength()) {
            notes.add(new String[] {"title_cut", "title longer than " + settings.maxTitleLength()
                    + " code points: cut"});
            text = TextRules.cut(text, settings.maxTitleLength()).strip();
        }
        return censor(board, text, "title", notes);
    }

    Result body(Board board, String raw) {
        String text = TextRules.block(raw);
        List<String[]> notes = new ArrayList<>();
        if (TextRules.length(text) > settings.maxBodyLength()) {
            notes.add(new String[] {"body_cut", "body of " + TextRules.length(text) + " code points, longer than "
                    + settings.maxBodyLength() + ": cut"});
            text = TextRules.cut(text, settings.maxBodyLength());
        }
        return censor(board, text, "body", notes);
    }

    private Result censor(Board board, String text, String field, List<String[]> notes) {
        if (text.isEmpty()) {
            return new Result(text, false, notes);
        }
        CensorResult result = censorPolicy.forBoard(board).check(text);
        boolean held = result.action() == CensorAction.REJECT || result.action() == CensorAction.MODERATE;
        if (result.action() == CensorAction.REPLACE) {
            notes.add(new String[] {"censored_replaced", field + ": censored words starred out"});
        } else if (held) {
            notes.add(new String[] {"censored_held", field + " has censored words (" + String.join(", ", result.words())
                    + "): imported pending moderation"});
        }
        return new Result(result.text(), held, notes);
    }
}
