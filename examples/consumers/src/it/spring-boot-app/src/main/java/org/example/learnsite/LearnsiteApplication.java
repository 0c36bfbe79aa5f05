package org.example.learnsite;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/** A learning site's course page, with the banner in its head. */
@SpringBootApplication
@Controller
public class LearnsiteApplication {

    public static void main(String[] args) {
        SpringApplication.run(LearnsiteApplication.class, args);
    }

    @GetMapping("/")
    String course() {
        return "course";
    }
}
