package dev.northstar.feedback.domain;

/** Where a piece of feedback came from. */
public enum Source {
    IN_APP, EMAIL, SUPPORT, SURVEY, SALES, OTHER
}
