package org.forumkit;

import java.util.List;
import java.util.Optional;
import org.forumkit.model.Board;
import org.forumkit.model.BoardId;
import org.forumkit.model.BoardModeration;
import org.forumkit.model.CreateBoard;
import org.forumkit.model.Page;
import org.forumkit.model.PageRequest;
import org.forumkit.model.Topic;
import org.forumkit.model.TopicCursor;
import org.forumkit.model.Viewer;
import org.forumkit.model.ViewerPermissions;

/** Categories, boards and sub-boards, and their topic listings. */
public interface Boards {

    /** Creates a board; the viewer needs the admin role of {@link ForumSettings#adminRole()}. */
    Board create(Viewer viewer, CreateBoard command);

    /** Replaces a board's moderation settings (which new posts wait for approval); the admin role only. */
    Board updateModeration(Viewer viewer, BoardId board, BoardModeration moderation);

    /** A board the viewer may see; {@link NotFoundException} otherwise. */
    Board get(Viewer viewer, BoardId id);

    Optional<Board> bySlug(Viewer viewer, String slug);

    /** Every board and category the viewer may see, parents before children, siblings by position. */
    List<Board> list(Viewer viewer);

    /** A page of the board's topics, pinned first, then by newest activity. */
    Page<Topic, TopicCursor> topics(Viewer viewer, BoardId board, PageRequest<TopicCursor> request);

    /** What the viewer may do in a board they may see (start a topic, reply, …), to show the right controls. */
    ViewerPermissions permissions(Viewer viewer, BoardId board);
}
