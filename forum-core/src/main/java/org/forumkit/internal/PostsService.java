package org.forumkit.internal;

import java.util.List;
import org.forumkit.Posts;
import org.forumkit.model.BoardId;
import org.forumkit.model.ContentFormat;
import org.forumkit.model.EditPost;
import org.forumkit.model.Page;
import org.forumkit.model.PageRequest;
import org.forumkit.model.Post;
import org.forumkit.model.PostId;
import org.forumkit.model.PostRevision;
import org.forumkit.model.Reply;
import org.forumkit.model.Viewer;

/** {@link Posts} as one service: authoring and moderation are done by their own classes. */
final class PostsService implements Posts {
    private final PostAuthoring authoring;
    private final PostModeration moderation;

    PostsService(PostAuthoring authoring, PostModeration moderation) {
        this.authoring = authoring;
        this.moderation = moderation;
    }

    @Override
    public Post reply(Viewer viewer, Reply command) {
        return authoring.reply(viewer, command);
    }

    @Override
    public String preview(Viewer viewer, BoardId board, String body, ContentFormat format) {
        return authoring.preview(viewer, board, body, format);
    }

    @Override
    public Post get(Viewer viewer, PostId id) {
        return authoring.get(viewer, id);
    }

    @Override
    public Post edit(Viewer viewer, EditPost command) {
        return authoring.edit(viewer, command);
    }

    @Override
    public List<PostRevision> revisions(Viewer viewer, PostId id) {
        return authoring.revisions(viewer, id);
    }

    @Override
    public Post delete(Viewer viewer, PostId id) {
        return moderation.delete(viewer, id);
    }

    @Override
    public Post restore(Viewer viewer, PostId id) {
        return moderation.restore(viewer, id);
    }

    @Override
    public Post approve(Viewer viewer, PostId id) {
        return moderation.approve(viewer, id);
    }

    @Override
    public Post reject(Viewer viewer, PostId id, String reason) {
        return moderation.reject(viewer, id, reason);
    }

    @Override
    public Page<Post, PostId> pending(Viewer viewer, BoardId boardId, PageRequest<PostId> request) {
        return moderation.pending(viewer, boardId, request);
    }
}
