package org.forumkit.jpa.spring.web;

import java.net.URI;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The {@code forumkit.feeds.*} properties: Atom feeds of boards ({@code /b/{slug}.atom}) and topics
 * ({@code /t/{id}.atom}), with links to the host's pages made from {@code site-url} and the page templates below
 * (unless the host has a {@code FeedLinks} bean of its own).
 */
@ConfigurationProperties("forumkit.feeds")
public class ForumkitFeedsProperties {
    /** Whether the feeds are served. */
    private boolean enabled = false;

    /** The site's absolute address, e.g. https://forum.example.com: feeds carry absolute links and ids. */
    private URI siteUrl;

    /** The path of a board's page; {slug} is replaced. */
    private String boardPage = "/boards/{slug}";

    /** The path of a topic's page; {id} is replaced. */
    private String topicPage = "/topics/{id}";

    /** The path of a post's permalink; {id} (the topic) and {floor} are replaced. */
    private String postPage = "/topics/{id}/floors/{floor}";

    /** How many entries a feed holds (1 to 100). */
    private int entries = 20;

    public boolean isEnabled() {
        return enabled;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    public URI getSiteUrl() {
        return siteUrl;
    }

    public void setSiteUrl(URI siteUrl) {
        this.siteUrl = siteUrl;
    }

    public String getBoardPage() {
        return boardPage;
    }

    public void setBoardPage(String boardPage) {
        this.boardPage = boardPage;
    }

    public String getTopicPage() {
        return topicPage;
    }

    public void setTopicPage(String topicPage) {
        this.topicPage = topicPage;
    }

    public String getPostPage() {
        return postPage;
    }

    public void setPostPage(String postPage) {
        this.postPage = postPage;
    }

    public int getEntries() {
        return entries;
    }

    public void setEntries(int entries) {
        this.entries = entries;
    }
}
