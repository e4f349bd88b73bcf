package org.forumkit.jpa.spring.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.servlet.ServletInputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;

class BufferedBodyRequestTest {
    private static final byte[] BODY = "{\"body\":\"二楼😀\"}".getBytes(StandardCharsets.UTF_8);

    @Test
    void replaysTheBodyToEveryReaderWithItsLength() throws Exception {
        MockHttpServletRequest chunked = new MockHttpServletRequest("POST", "/api/topics/1/replies");
        BufferedBodyRequest request = new BufferedBodyRequest(chunked, BODY);

        ServletInputStream first = request.getInputStream();
        assertThat(first.isFinished()).isFalse();
        assertThat(first.readAllBytes()).isEqualTo(BODY);
        assertThat(first.isFinished()).isTrue();
        assertThat(request.getInputStream().readAllBytes()).as("a second reader").isEqualTo(BODY);
        assertThat(request.getReader().readLine()).isEqualTo("{\"body\":\"二楼😀\"}");
        assertThat(request.getContentLengthLong()).isEqualTo(BODY.length);
        assertThat(request.getContentLength()).isEqualTo(BODY.length);
        assertThatThrownBy(() -> first.setReadListener(null)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void readsTextInTheRequestsEncoding() throws Exception {
        MockHttpServletRequest form = new MockHttpServletRequest("POST", "/login");
        form.setCharacterEncoding("GBK");
        BufferedBodyRequest request = new BufferedBodyRequest(form, "name=网友".getBytes("GBK"));

        assertThat(request.getReader().readLine()).isEqualTo("name=网友");
    }
}
