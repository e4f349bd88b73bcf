package org.forumkit.examples.web;

import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;

/**
 * The sign-in page: one button per demo user. The form posts to {@code /login}, which Spring Security's form login
 * handles ({@link SiteSecurity}); signing out is its {@code POST /logout}.
 */
@Controller
final class LoginController {
    private final Pages pages;
    private final DemoUsers users;

    LoginController(Pages pages, DemoUsers users) {
        this.pages = pages;
        this.users = users;
    }

    public record LoginPage(List<UserButton> demoUsers, String next) {
    }

    public record UserButton(String id, String label) {
    }

    @GetMapping("/login")
    ModelAndView login(@RequestParam(required = false) String next, HttpServletRequest request) {
        List<UserButton> buttons = users.all().stream().map(user -> new UserButton(user.getName(),
                pages.text(request, "login.as", user.getDisplayName()
                        + (user.roles().isEmpty() ? "" : " (" + String.join(", ", user.roles()) + ")")))).toList();
        return pages.render(request, "login", pages.text(request, "login.title"),
                new LoginPage(buttons, LocalRedirects.target(next)));
    }
}
