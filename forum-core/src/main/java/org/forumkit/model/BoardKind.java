package org.forumkit.model;

/** A category groups boards and holds no topics; a board (or sub-board) holds topics. */
public enum BoardKind {
    CATEGORY,
    BOARD
}
