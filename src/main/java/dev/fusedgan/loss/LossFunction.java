package dev.fusedgan.loss;

/**
 * The pointwise losses every backend implements, per element with input x (a logit for the BCE ones)
 * and target y (after label smoothing):
 * <ul>
 * <li>{@link #BCE_WITH_LOGITS}: fused, stable sigmoid cross-entropy with logits; loss and gradient in one
 *     pass. With pos_weight p and c = p*y + 1 - y:
 *     x &ge; 0: (1-y) x + c log1p(e^-x); x &lt; 0: -p y x + c log1p(e^x). For p = 1 this is the familiar
 *     max(x,0) - x y + log1p(e^-|x|). Gradient c sigmoid(x) - p y (= sigmoid(x) - y for p = 1), evaluated as
 *     (1-y) sigmoid(x) - p y sigmoid(-x) so that it keeps its relative accuracy where it is tiny (y = 1, x &gt;&gt; 0).</li>
 * <li>{@link #BCE_UNFUSED}: the textbook chain, for comparison: q = sigmoid(x) in float32, then
 *     -(p y max(log q, -100) + (1-y) max(log(1-q), -100)) as PyTorch's BCELoss clamps, then a separate
 *     gradient pass dL/dq = (q - y) / max(q (1-q), 1e-12) (p = 1; with p: (c q - p y) / max(q(1-q), 1e-12))
 *     times dq/dx = q (1-q). Loses accuracy as |x| grows (1-q or q cancels) and fails outright: from x &gt; ~16.6
 *     q rounds to 1 (y = 0: loss clamped to 100, gradient 0); from x &lt; ~-27.6 the 1e-12 clamp shrinks the
 *     gradient by q/1e-12 (x = -30: -0.094 instead of -1); from x &lt; ~-88.7 q underflows to 0 (loss 100, gradient 0).</li>
 * <li>{@link #SQUARED_ERROR}: (x - y)^2, gradient 2 (x - y) (PyTorch's MSELoss; LSGAN scales by 1/2).</li>
 * <li>{@link #ABSOLUTE_ERROR}: |x - y|, gradient sign(x - y) (0 at x = y).</li>
 * <li>{@link #HINGE}: max(0, 1 - y x) with y = +1 or -1, gradient -y where 1 - y x &gt; 0, else 0.</li>
 * <li>{@link #LINEAR}: -y x, gradient -y (the hinge GAN's generator loss -D(G(z)) with y = 1).</li>
 * </ul>
 */
public enum LossFunction {
    BCE_WITH_LOGITS, BCE_UNFUSED, SQUARED_ERROR, ABSOLUTE_ERROR, HINGE, LINEAR;

    /** True for the two sigmoid cross-entropy forms, the only ones that take pos_weight. */
    public boolean isCrossEntropy() { return this == BCE_WITH_LOGITS || this == BCE_UNFUSED; }
}
