package dev.northstar.feedback.domain;

import java.text.Normalizer;
import java.util.Locale;

/**
 * One customer, one id: ids that differ only in Unicode compatibility forms, case or surrounding white space name the
 * same customer. {@link #normalized} is applied to every customer id a request brings (feedback, votes, erasure, a
 * customer's requests, search) before it is sealed, stored or looked up, so {@code C-102}, {@code c-102 } and
 * {@code Ｃ-１０２} are one customer, with one data key, and one erasure erases them all.
 */
public final class CustomerIds {

    /**
     * NFKC, then case folding (upper then lower case in the root locale, which folds {@code ß} to {@code ss} and a
     * final sigma to {@code σ} as Unicode's full case folding does), NFKC again, then stripped of white space.
     */
    public static String normalized(String customerId) {
        String compatible = Normalizer.normalize(customerId, Normalizer.Form.NFKC);
        String folded = compatible.toUpperCase(Locale.ROOT).toLowerCase(Locale.ROOT);
        return Normalizer.normalize(folded, Normalizer.Form.NFKC).strip();
    }

    private CustomerIds() {
    }
}
