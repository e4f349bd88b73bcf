package org.forumkit.jpa.spring.host;

import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** An entity of the host's own, written in the same transactions as the forum's replies. */
@Entity
@Table(name = "host_note")
public class Note {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    Long id;

    String text;

    protected Note() {
    }

    public Note(String text) {
        this.text = text;
    }
}
