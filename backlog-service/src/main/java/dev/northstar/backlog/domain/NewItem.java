package dev.northstar.backlog.domain;

import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * What a product owner gives when adding an item; everything but type and title may come later. {@code epicType} is
 * the type of the item {@code parentId} names, as the caller found it.
 */
public record NewItem(ItemType type, String title, UserStory story, List<String> acceptanceCriteria,
                      Integer jobSize, Integer businessValue, Integer timeCriticality, Integer riskReduction,
                      Set<String> labels, UUID initiativeId, UUID parentId, ItemType epicType) {
}
