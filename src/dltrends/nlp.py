"""Language models: what one forward pass costs, and how it depends on the input length.

Desislavov et al. (2023) print the GFLOPs of one forward pass of each language model of
their Table 7, each for its own input length. The functions here make those numbers
comparable:

* :func:`kaplan_forward_gflops`: the forward cost over ``L`` tokens by Kaplan et al.
  (2020), Table 1: ``L (2N + 2 n_layer L d_attn)`` FLOPs;
* :func:`dense_flops_check`: a printed GFLOPs value against ``2 N L``, the dense part;
* :func:`normalise_to_tokens`: every model rescaled to one input length, linearly;
* :func:`attention_adjusted_gflops` and :func:`token_scaling_table`: the same rescaling
  with the attention term kept quadratic, and the error of the linear rule;
* :data:`TRANSFORMER_SHAPES`: layers and attention widths of the long-input models.

All FLOPs follow the paper's convention (one multiply-add = 2 FLOPs); GFLOPs = 1e9 FLOPs.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from dltrends import checks
from dltrends.checks import InputError, finite_result


@dataclass(frozen=True)
class TransformerShape:
    """Layers and attention width of a transformer, for the attention term of its FLOPs.

    ``n_layer`` counts every block whose attention spans the whole input (encoder and
    decoder blocks of the original Transformer together); ``d_attn`` is the attention
    output width (d_model); ``source`` cites the numbers.
    """

    n_layer: int
    d_attn: int
    source: str


#: Layers and attention widths of the six Table 7 rows that are not at 128 tokens (their
#: GFLOPs come from Gholami et al.), each from the model's own paper or announcement.
TRANSFORMER_SHAPES: dict[str, TransformerShape] = {
    "transformer": TransformerShape(12, 512, "Vaswani et al. 2017, Table 3 (base: 6+6 layers, d_model 512)"),
    "gpt-2": TransformerShape(48, 1600, "Radford et al. 2019, Table 2 (1542M: 48 layers, d_model 1600)"),
    "megatron": TransformerShape(72, 3072, "Shoeybi et al. 2019, Table 1 (8.3B: 72 layers, hidden 3072)"),
    "albert-xxl": TransformerShape(12, 4096, "Lan et al. 2020, Table 1 (xxlarge: 12 layers, hidden 4096)"),
    "microsoft-t-nlg": TransformerShape(78, 4256, "Rosset 2020 (78 layers, hidden size 4256)"),
    "gpt-3": TransformerShape(96, 12288, "Brown et al. 2020, Table 2.1 (175B: 96 layers, d_model 12288)"),
}


def _positive_number(value: object, name: str) -> float:
    return checks.number(value, name, positive=True)


@finite_result
def kaplan_forward_gflops(params_millions: float, tokens: float, n_layer: int, d_attn: int) -> float:
    """GFLOPs of one forward pass over ``tokens`` tokens, by Kaplan et al. (2020), Table 1.

    Per token, ``C_forward = 2 N + 2 n_layer n_ctx d_attn`` FLOPs, with N the parameters
    and n_ctx = ``tokens``: two FLOPs per weight (a multiply and an add) plus the
    attention scores and their weighted sum over the context. Times ``tokens`` tokens,
    divided by 1e9. Kaplan et al. count N without the embeddings; with the total
    parameters, as Table 7 gives them, the dense part is a slight overestimate.

    GPT-3 (175,000 M parameters, 2048 tokens, 96 layers, d_attn 12,288):

    >>> round(kaplan_forward_gflops(175_000, 2048, 96, 12288))
    726696
    """
    n = _positive_number(params_millions, "params_millions") * 1e6
    length = _positive_number(tokens, "tokens")
    layers = _positive_number(n_layer, "n_layer")
    width = _positive_number(d_attn, "d_attn")
    return length * (2.0 * n + 2.0 * layers * length * width) / 1e9


def dense_flops_check(nlp_models: pd.DataFrame) -> pd.DataFrame:
    """Table 7's GFLOPs against ``2 x parameters x tokens``, the dense part of the forward pass.

    For a transformer each weight is used once per token, a multiply and an add, so a
    forward pass over L tokens costs about 2 N L FLOPs plus attention (Kaplan et al.
    2020). Returns ``model_id``, ``model``, ``input_tokens``, ``params_millions``,
    ``printed_gflops``, ``two_n_l_gflops`` and ``ratio`` (printed / 2NL). A ratio far
    from 1 flags parameter sharing (ALBERT: one layer's weights reused 12 times),
    convolutions (SqueezeBERT) or embeddings that hold parameters but cost no FLOPs.
    """
    needed = ["model_id", "model", "input_tokens", "params_millions", "gflops"]
    checks.frame(nlp_models, needed, "dense_flops_check")
    tokens = nlp_models["input_tokens"].astype(float)
    two_n_l = 2.0 * nlp_models["params_millions"].astype(float) * 1e6 * tokens / 1e9
    out = pd.DataFrame(
        {
            "model_id": nlp_models["model_id"].astype(str),
            "model": nlp_models["model"].astype(str),
            "input_tokens": tokens.astype(int),
            "params_millions": nlp_models["params_millions"].astype(float),
            "printed_gflops": nlp_models["gflops"].astype(float),
            "two_n_l_gflops": two_n_l,
        }
    )
    out["ratio"] = out["printed_gflops"] / out["two_n_l_gflops"]
    return out.reset_index(drop=True)


def normalise_to_tokens(nlp_models: pd.DataFrame, tokens: int | None) -> pd.DataFrame:
    """GFLOPs of every model rescaled to one input length, linearly in the number of tokens.

    ``gflops_new = gflops * tokens / input_tokens``. Linear scaling is exact for the
    dense layers, which cost 2 FLOPs per parameter per token, and ignores that the
    attention term of each token (``2 n_layer n_ctx d_attn``, Kaplan et al. 2020) also
    grows with the length: it keeps that term at the printed length.
    :func:`attention_adjusted_gflops` gives the size of the error (:func:`token_scaling_table`).

    ``tokens=None`` keeps the GFLOPs as printed (the paper's choice). Returns a copy
    with ``gflops`` and ``input_tokens`` replaced and the printed values kept in
    ``gflops_as_printed`` and ``input_tokens_as_printed``.
    """
    checks.frame(nlp_models, ["gflops", "input_tokens"], "normalise_to_tokens")
    out = nlp_models.copy()
    out["gflops_as_printed"] = out["gflops"].astype(float)
    out["input_tokens_as_printed"] = out["input_tokens"].astype(int)
    if tokens is None:
        return out
    length = _positive_number(tokens, "tokens")
    if length != int(length):
        raise InputError(f"tokens must be a whole number, got {tokens!r}")
    out["gflops"] = out["gflops_as_printed"] * length / out["input_tokens_as_printed"]
    out["input_tokens"] = int(length)
    return out


@finite_result
def attention_adjusted_gflops(
    printed_gflops: float, tokens_from: float, tokens_to: float, n_layer: int, d_attn: int
) -> float:
    """Rescale a printed GFLOPs value to another length, keeping the attention term quadratic.

    Anchored on the printed value: per token at ``tokens_from`` the cost is
    ``printed / tokens_from``, of which ``2 n_layer tokens_from d_attn`` FLOPs are
    attention (Kaplan et al. 2020, Table 1); the rest is dense and fixed per token. At
    ``tokens_to`` the per-token cost is the dense part plus ``2 n_layer tokens_to
    d_attn``. Returns GFLOPs for ``tokens_to`` tokens. Raises ValueError when the
    attention term alone exceeds the printed cost.

    GPT-3, 740,000 GFLOPs at 2048 tokens, rescaled to 128 tokens:

    >>> round(attention_adjusted_gflops(740_000, 2048, 128, 96, 12288))
    45670
    """
    printed = _positive_number(printed_gflops, "printed_gflops") * 1e9
    l_from = _positive_number(tokens_from, "tokens_from")
    l_to = _positive_number(tokens_to, "tokens_to")
    layers = _positive_number(n_layer, "n_layer")
    width = _positive_number(d_attn, "d_attn")
    attention_from = 2.0 * layers * l_from * width
    dense = printed / l_from - attention_from
    if dense <= 0:
        raise InputError("the attention term exceeds the printed cost: check n_layer and d_attn")
    return l_to * (dense + 2.0 * layers * l_to * width) / 1e9


def token_scaling_table(nlp_models: pd.DataFrame, tokens: int = 128) -> pd.DataFrame:
    """The rows not at ``tokens`` tokens, rescaled linearly and with the attention term.

    For each model of :data:`TRANSFORMER_SHAPES` whose printed length differs from
    ``tokens``: printed tokens and GFLOPs, the linear rescaling
    (:func:`normalise_to_tokens`), the attention-adjusted one
    (:func:`attention_adjusted_gflops`), the relative error of the linear value
    ((linear - adjusted) / adjusted) and the attention share of the printed cost
    (``2 n_layer L d_attn`` per token over printed / L).
    """
    length = _positive_number(tokens, "tokens")
    linear = normalise_to_tokens(nlp_models, int(length))
    rows = []
    for _, row in linear.iterrows():
        shape = TRANSFORMER_SHAPES.get(str(row["model_id"]))
        l_from = float(row["input_tokens_as_printed"])
        if shape is None or l_from == length:
            continue
        printed = float(row["gflops_as_printed"])
        adjusted = attention_adjusted_gflops(printed, l_from, length, shape.n_layer, shape.d_attn)
        share = 2.0 * shape.n_layer * l_from * shape.d_attn / (printed * 1e9 / l_from)
        rows.append(
            {
                "model_id": str(row["model_id"]),
                "model": str(row["model"]),
                "printed_tokens": int(l_from),
                "printed_gflops": printed,
                "n_layer": shape.n_layer,
                "d_attn": shape.d_attn,
                "attention_share": share,
                "linear_gflops": float(row["gflops"]),
                "adjusted_gflops": adjusted,
                "linear_error": (float(row["gflops"]) - adjusted) / adjusted,
            }
        )
    return pd.DataFrame(rows)
