package kr.vcp.scanner.analysis;

/** A turning point of the price: a swing high (at a bar's high) or a swing low (at a bar's low). */
public record Swing(int index, int price, boolean high) {
}
