package dev.northstar.backlog.domain;

import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * What a product owner gives when adding an item; everything but type and title may come later. {@code epicType} is
 * the type of the item {@code parentId} names, as the caller found it; {@code scoringInputs} are inputs to the product's
 * RICE, ICE or WEIGHTED model.
 */
public record NewItem(ItemType type, String title, UserStory story, List<String> acceptanceCriteria,
                      Integer jobSize, Integer businessValue, Integer timeCriticality, Integer riskReduction,
                      Set<String> labels, UUID initiativeId, UUID parentId, ItemType epicType, ScoreInputs scoringInputs) {

    public NewItem(ItemType type, String title, UserStory story, List<String> acceptanceCriteria, Integer jobSize,
                   Integer businessValue, Integer timeCriticality, Integer riskReduction, Set<String> labels,
                   UUID initiativeId, UUID parentId, ItemType epicType) {
        this(type, title, story, acceptanceCriteria, jobSize, businessValue, timeCriticality, riskReduction, labels,
                initiativeId, parentId, epicType, null);
    }

    /** This spec with the type of the epic it names, as the caller found it. */
    public NewItem withEpicType(ItemType foundType) {
        return new NewItem(type, title, story, acceptanceCriteria, jobSize, businessValue, timeCriticality, riskReduction,
                labels, initiativeId, parentId, foundType, scoringInputs);
    }
}
