package dev.northstar.feedback.domain;

/** How far the product team has looked at a piece of feedback. */
public enum TriageStatus {
    NEW, REVIEWED, PLANNED, DECLINED, DONE
}
