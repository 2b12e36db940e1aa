package dev.northstar.feedback.domain;

import java.math.BigDecimal;

/** Who gave the feedback: a customer of an account, with the account's segment and value when known. */
public record Customer(String customerId, String account, String segment, BigDecimal accountValue) {
}
