package org.forumkit.jpa.spring.host;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.sql.DataSource;
import org.forumkit.event.ForumEvent;
import org.forumkit.spi.ForumEventListener;

/**
 * The host's listener: every event it was given, and for a new post whether another connection could already see it
 * then (that is, whether the transaction that wrote it had committed).
 */
public class EventLog implements ForumEventListener {
    public record Received(ForumEvent event, boolean committed) {
    }

    public final List<Received> received = new CopyOnWriteArrayList<>();
    private final DataSource dataSource;

    public EventLog(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public void onEvent(ForumEvent event) {
        boolean committed = event instanceof ForumEvent.PostCreated created && visible(created.post().id().value());
        received.add(new Received(event, committed));
    }

    public List<Received> postsCreated() {
        return received.stream().filter(r -> r.event() instanceof ForumEvent.PostCreated).toList();
    }

    private boolean visible(long postId) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement("select count(*) from fk_post where id = ?")) {
            s.setLong(1, postId);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1) == 1;
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
