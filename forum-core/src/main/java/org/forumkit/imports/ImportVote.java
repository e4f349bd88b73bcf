package org.forumkit.imports;

import java.util.Objects;
import org.forumkit.model.VoteKind;

/** A vote on a source post (Discuz!'s 支持/反对): who cast it and which way. */
public record ImportVote(ImportAuthor voter, VoteKind kind) {
    public ImportVote {
        Objects.requireNonNull(voter, "voter");
        Objects.requireNonNull(kind, "kind");
        if (voter.sourceId() == null) {
            throw new IllegalArgumentException("a vote needs the voter's source id");
        }
    }
}
