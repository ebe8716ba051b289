"""The chapter "Hardware: GPU efficiency": everything its page shows, computed here.

Each function returns what one section shows: a frame for a chart or a table, or the
numbers its prose quotes under literal keys (search a key to land on its line). The
comparisons with the printed Tables 3, 4, 8 and 9 come from
:mod:`dltrends.compare.desislavov`, the same functions the data audit and the
reproduction scorecard use.
"""

from __future__ import annotations

import pandas as pd

from dltrends import energy, hardware, trends
from dltrends.checks import InputError
from dltrends.compare import desislavov

#: FP32 rows of Table 8 that Table 9 leaves out without a reason: the P100 and the A30.
#: The A100's FP32 row is left out with one (the paper: TF32 replaces FP32 on the A100,
#: and its TF32 and mixed-precision rows stand for it), so the sensitivity test adds it
#: back only in the variant that ignores that reason.
UNEXPLAINED_OMISSIONS = ("Tesla P100", "A30")

#: Table headers (with units) of the page's tables.
TABLE8_HEADERS = {
    "recomputed": "1000 × TFLOPS / W",
    "table8": "Table 8",
    "table9": "Table 9",
    "implied_tflops": "Table 8 × W / 1000",
    "tflops": "TFLOPS",
}
OMITTED_HEADERS = {
    "n": "GPU rows",
    "growth": "growth per year (×)",
    "doubling_years": "doubling (years)",
    "gflops_per_watt_at_year": "GFLOPS/W in 2021",
}


def claim(claims: pd.DataFrame, text: str) -> float:
    """The value of the one printed claim of text_claims.csv whose text contains ``text``."""
    hits = claims[claims["claim"].str.contains(text, case=False, regex=False)]
    if len(hits) != 1:
        raise InputError(f"{len(hits)} claims contain {text!r}: {hits['claim'].tolist()}")
    return float(hits["value"].iloc[0])


# ----------------------------------------------------------------------------- Fig. 7


def peak_points(gpus: pd.DataFrame) -> pd.DataFrame:
    """Table 8 with ``gflops_per_watt`` and the decimal ``year`` of launch: Fig. 7's points."""
    out = hardware.with_gflops_per_watt(gpus)
    out["year"] = trends.decimal_year(out["launch_date"])
    return out


def peak_summary(gpus: pd.DataFrame) -> pd.DataFrame:
    """Fig. 7 in numbers: per precision the lowest and highest peak GFLOPS/W, their GPUs,
    and the first and last launch years.
    """
    table = hardware.with_gflops_per_watt(gpus)
    table["precision"] = table["precision"].astype(str)
    rows = []
    for precision in [p for p in ("FP32", "FP16", "FP16/FP32 Tensor") if p in set(table["precision"])]:
        group = table[table["precision"] == precision]
        low = group.loc[group["gflops_per_watt"].idxmin()]
        high = group.loc[group["gflops_per_watt"].idxmax()]
        years = pd.DatetimeIndex(group["launch_date"]).year
        rows.append(
            {
                "precision": precision,
                "n": len(group),
                "lowest": float(low["gflops_per_watt"]),
                "lowest_gpu": str(low["gpu"]),
                "highest": float(high["gflops_per_watt"]),
                "highest_gpu": str(high["gpu"]),
                "first_year": int(years.min()),
                "last_year": int(years.max()),
            }
        )
    return pd.DataFrame(rows).set_index("precision")


def tensor_over_fp32(gpus: pd.DataFrame) -> pd.DataFrame:
    """Peak tensor-core TFLOPS over peak FP32 TFLOPS for each GPU of Table 8 with both
    (same TDP, so also the ratio of peak GFLOPS/W): ``gpu``, ``fp32_tflops``,
    ``tensor_tflops``, ``ratio``, sorted by ratio.
    """
    table = gpus.copy()
    table["precision"] = table["precision"].astype(str)
    wide = table.pivot_table(index="gpu", columns="precision", values="tflops", aggfunc="first")
    both = wide.dropna(subset=["FP32", "FP16/FP32 Tensor"])
    out = pd.DataFrame(
        {
            "gpu": both.index.astype(str),
            "fp32_tflops": both["FP32"].to_numpy(dtype=float),
            "tensor_tflops": both["FP16/FP32 Tensor"].to_numpy(dtype=float),
        }
    )
    out["ratio"] = out["tensor_tflops"] / out["fp32_tflops"]
    return out.sort_values(["ratio", "gpu"], kind="stable").reset_index(drop=True)


def peak_numbers(gpus: pd.DataFrame, claims: pd.DataFrame) -> dict[str, object]:
    """The numbers of the section on Fig. 7."""
    peak = peak_summary(gpus)
    ratio = tensor_over_fp32(gpus).set_index("gpu")["ratio"]
    return {
        "hw_n_rows": len(gpus),
        "hw_n_gpus": int(gpus["gpu"].nunique()),
        "hw_first_year": int(peak["first_year"].min()),
        "hw_last_year": int(peak["last_year"].max()),
        "hw_paper_first_year": int(claim(claims, "First year of collected Nvidia GPU data")),
        "hw_paper_last_year": int(claim(claims, "Last year of collected Nvidia GPU data")),
        "hw_fp32_low": float(peak.loc["FP32", "lowest"]),
        "hw_fp32_low_gpu": str(peak.loc["FP32", "lowest_gpu"]),
        "hw_fp32_high": float(peak.loc["FP32", "highest"]),
        "hw_fp32_high_gpu": str(peak.loc["FP32", "highest_gpu"]),
        "hw_fp32_span": float(peak.loc["FP32", "highest"] / peak.loc["FP32", "lowest"]),
        "hw_tensor_high": float(peak.loc["FP16/FP32 Tensor", "highest"]),
        "hw_tensor_high_gpu": str(peak.loc["FP16/FP32 Tensor", "highest_gpu"]),
        "hw_tensor_ratio_low": float(ratio.min()),
        "hw_tensor_ratio_high": float(ratio.max()),
        "hw_tensor_ratio_v100": float(ratio["Tesla V100"]),
    }


# ----------------------------------------------------------------------------- Tables 8, 3, 4, 9


def table8_errors(table8: pd.DataFrame) -> pd.DataFrame:
    """The Table 8 rows whose printed GFLOPS/W is not a rounding of TFLOPS / W, with what
    Table 9 prints for the same GPU (:func:`dltrends.compare.desislavov.table8`).
    """
    wrong = table8[~table8["agrees"]]
    return pd.DataFrame(
        {
            "gpu": wrong["gpu"],
            "precision": wrong["precision"],
            "recomputed": wrong["recomputed"],
            "table8": wrong["printed"],
            "table9": wrong["table9_printed"],
            "implied_tflops": wrong["implied_tflops"],
            "tflops": wrong["tflops"],
        }
    ).reset_index(drop=True)


def table8_numbers(table8: pd.DataFrame) -> dict[str, object]:
    """The numbers of the section on Table 8's printed efficiencies."""
    wrong = table8[~table8["agrees"]]
    return {
        "t8_n": len(table8),
        "t8_n_wrong": len(wrong),
        "t8_wrong_names": ", ".join(wrong["gpu"]),
        "t8_wrong_precisions": ", ".join(sorted(set(wrong["precision"]))),
        "t8_max_wrong": float(wrong["difference"].abs().max()),
        "t8_max_rest": float(table8.loc[table8["agrees"], "difference"].abs().max()),
        "t8_fixed_in_t9": int(wrong["table9_agrees"].sum()),
        "t8_unrounded": int(wrong["from_unrounded_tflops"].sum()),
    }


def table3_view(table3: pd.DataFrame) -> pd.DataFrame:
    """:func:`dltrends.compare.desislavov.table3` in narrow columns for the page."""
    return pd.DataFrame(
        {
            "benchmark": table3["task"]
            + " "
            + table3["model"]
            + ", "
            + table3["framework"]
            + ", batch "
            + table3["batch_size"].astype(str),
            "setting / reference": table3["gpu"]
            + " "
            + table3["precision"]
            + " / "
            + table3["reference_gpu"]
            + " FP32",
            "recomputed": table3["recomputed"],
            "printed": table3["printed"],
        }
    )


def table3_numbers(table3: pd.DataFrame) -> dict[str, object]:
    """The numbers of the paragraph on Table 3."""
    return {
        "t3_n": len(table3),
        "t3_n_baselines": int((table3["kind"] == "identity").sum()),
        "t3_n_agree": int(table3["agrees"].sum()),
        "t3_max_diff": float(table3["difference"].abs().max()),
    }


def table4_numbers(table4: pd.DataFrame) -> dict[str, object]:
    """The numbers of the paragraph on Table 4."""
    ratio = table4.set_index(["gpu", "precision", "task"])["recomputed"]
    return {
        "t4_n_agree": int(table4["agrees"].sum()),
        "t4_max_diff": float(table4["difference"].abs().max()),
        "t4_v100_cv": float(ratio[("V100", "Mixed", "CV")]),
        "t4_v100_nlp": float(ratio[("V100", "Mixed", "NLP")]),
        "t4_t4_cv": float(ratio[("T4", "Mixed", "CV")]),
        "t4_a100_tf32_cv": float(ratio[("A100", "TF32", "CV")]),
        "t4_a100_tf32_nlp": float(ratio[("A100", "TF32", "NLP")]),
        "t4_min_benchmarks": int(table4["benchmarks"].min()),
        "t4_max_benchmarks": int(table4["benchmarks"].max()),
    }


def table9_view(table9: pd.DataFrame) -> pd.DataFrame:
    """:func:`dltrends.compare.desislavov.table9` narrowed for the page."""
    return pd.DataFrame(
        {
            "row of Table 9": table9["adapted"] + ": " + table9["gpu_as_printed"] + " " + table9["precision"],
            "TFLOPS recomputed": table9["tflops_recomputed"],
            "TFLOPS printed": table9["tflops_printed"],
            "GFLOPS/W recomputed": table9["recomputed"],
            "GFLOPS/W printed": table9["printed"],
        }
    )


def table9_numbers(table9: pd.DataFrame) -> dict[str, object]:
    """The numbers of the paragraph on Table 9."""
    adapted = table9[table9["kind"] == "independent"]
    return {
        "t9_n": len(table9),
        "t9_n_adapted": len(adapted),
        "t9_n_repeated": int((table9["kind"] == "consistency").sum()),
        "t9_n_agree": int((adapted["agrees"] & adapted["tflops_agrees"]).sum()),
        "t9_max_diff": float(table9["difference"].abs().max()),
        "t9_max_tflops_diff": float(table9["tflops_difference"].abs().max()),
    }


# ----------------------------------------------------------------------------- Fig. 8


def adapted_points(
    table9: pd.DataFrame, label: tuple[str, str, str] | None = ("T4", "Mixed", "For CNN")
) -> pd.DataFrame:
    """The GPUs of Fig. 8, once each, labelled by the fit(s) they enter: ``year``,
    ``series`` and ``label`` (set only for the row named by ``label``, the point the paper
    says stands out; None labels no point).
    """
    out = table9.copy()
    out["year"] = trends.decimal_year(out["launch_date"])
    out["precision"] = out["precision"].astype(str)
    out["series"] = out["adapted"].map(
        {"No": "FP32 (both fits)", "For CNN": "adapted for CNN", "For NLP": "adapted for NLP"}
    )
    out["label"] = ""
    if label is None:
        return out.reset_index(drop=True)
    gpu, precision, adapted = label
    hit = (out["gpu"] == gpu) & (out["precision"] == precision) & (out["adapted"] == adapted)
    if not hit.any():
        raise InputError(f"no Table 9 row {label}")
    out.loc[hit, "label"] = [f"{gpu} {precision}, {w:.0f} W" for w in out.loc[hit, "watts"]]
    return out.reset_index(drop=True)


def fig8_lines(table9: pd.DataFrame) -> pd.DataFrame:
    """Both Fig. 8 trend lines over the launch dates of the GPUs: ``fit``, ``year``, ``fitted``."""
    frames = []
    for work in ("CNN", "NLP"):
        fit = energy.efficiency_trend(table9, work)
        drawn = trends.line(fit, table9["launch_date"].min(), table9["launch_date"].max())
        frames.append(drawn[["year", "fitted"]].assign(fit=f"{work} fit"))
    return pd.concat(frames, ignore_index=True)


def residuals(table9: pd.DataFrame, work: str) -> pd.DataFrame:
    """How far each GPU of one Fig. 8 fit lies from the line: ``fitted`` and ``times_trend``
    (actual / fitted), sorted from the most above the line down.
    """
    out = hardware.efficiency_series(table9, work).copy()
    out["precision"] = out["precision"].astype(str)
    out["fitted"] = energy.efficiency_trend(table9, work).predict(out["launch_date"])["fitted"].to_numpy()
    out["times_trend"] = out["gflops_per_watt"] / out["fitted"]
    return out.sort_values("times_trend", ascending=False, kind="stable").reset_index(drop=True)


def fig8_numbers(
    table9: pd.DataFrame, gpus: pd.DataFrame, claims: pd.DataFrame, all_rows: bool
) -> dict[str, object]:
    """The numbers of the section on Fig. 8."""
    cnn = trends.summary(energy.efficiency_trend(table9, "CNN"))
    nlp = trends.summary(energy.efficiency_trend(table9, "NLP"))
    standout = residuals(table9, "CNN").iloc[0]
    return {
        "fit_rows": "every FP32 row of Table 8" if all_rows else "Table 9 as printed",
        "fit_cnn_n": cnn["n"],
        "fit_cnn_growth": cnn["growth"],
        "fit_cnn_growth_low": cnn["growth_low"],
        "fit_cnn_growth_high": cnn["growth_high"],
        "fit_cnn_doubling_years": cnn["doubling_years"],
        "fit_cnn_doubling_low": cnn["doubling_low"],
        "fit_cnn_doubling_high": cnn["doubling_high"],
        "fit_cnn_r2": cnn["r2"],
        "fit_nlp_n": nlp["n"],
        "fit_nlp_growth": nlp["growth"],
        "fit_nlp_growth_low": nlp["growth_low"],
        "fit_nlp_growth_high": nlp["growth_high"],
        "fit_nlp_doubling_years": nlp["doubling_years"],
        "fit_nlp_doubling_low": nlp["doubling_low"],
        "fit_nlp_doubling_high": nlp["doubling_high"],
        "fit_nlp_r2": nlp["r2"],
        "standout_gpu": f"{standout['gpu']} in {standout['precision']} precision",
        "standout_times": float(standout["times_trend"]),
        "standout_watts": float(standout["watts"]),
        "standout_year": int(standout["launch_date"].year),
        "paper_standout_year": int(claim(claims, "standing out in Fig. 8")),
        "v100_watts": float(gpus.loc[gpus["gpu"] == "Tesla V100", "watts"].iloc[0]),
    }


# ----------------------------------------------------------------------------- omitted rows


def omitted_variants(gpus: pd.DataFrame, ngc: pd.DataFrame) -> dict[str, pd.DataFrame]:
    """Table 9 as printed, with the two FP32 rows left out without a reason (P100, A30),
    and with every FP32 row of Table 8 (the A100's too, which the paper replaces by TF32).
    """
    return {
        "as printed": hardware.adapted_gpus(gpus, ngc),
        "with the P100 and A30 FP32 rows": hardware.adapted_gpus(gpus, ngc, omit_fp32=("A100",)),
        "with every FP32 row": hardware.adapted_gpus(gpus, ngc, omit_fp32=()),
    }


def omitted_effect(gpus: pd.DataFrame, ngc: pd.DataFrame, at_year: float = 2021.0) -> pd.DataFrame:
    """What the FP32 rows that Table 9 leaves out do to the Fig. 8 fits: one row per work
    and variant (:func:`omitted_variants`) with the growth, the doubling time and the
    fitted GFLOPS/W at ``at_year``.
    """
    rows = []
    for work in ("CNN", "NLP"):
        for variant, table in omitted_variants(gpus, ngc).items():
            fit = energy.efficiency_trend(table, work)
            s = trends.summary(fit)
            rows.append(
                {
                    "work": work,
                    "variant": variant,
                    "n": s["n"],
                    "growth": s["growth"],
                    "doubling_years": s["doubling_years"],
                    "gflops_per_watt_at_year": float(fit.predict([at_year])["fitted"].iloc[0]),
                }
            )
    return pd.DataFrame(rows)


def omitted_residuals(gpus: pd.DataFrame, ngc: pd.DataFrame, work: str = "CNN") -> pd.DataFrame:
    """Where the FP32 rows left out without a reason (P100, A30) lie against the printed
    Table 9's ``work`` fit.
    """
    fit = energy.efficiency_trend(hardware.adapted_gpus(gpus, ngc), work)
    rows = hardware.with_gflops_per_watt(
        gpus[(gpus["precision"] == "FP32") & gpus["gpu"].isin(UNEXPLAINED_OMISSIONS)]
    )
    out = rows[["gpu", "launch_date", "gflops_per_watt"]].copy()
    out["gpu"] = out["gpu"].astype(str)
    out["fitted"] = fit.predict(out["launch_date"])["fitted"].to_numpy()
    out["times_trend"] = out["gflops_per_watt"] / out["fitted"]
    return out.sort_values("launch_date", kind="stable").reset_index(drop=True)


def omitted_numbers(gpus: pd.DataFrame, ngc: pd.DataFrame) -> dict[str, object]:
    """The numbers of the section on the rows Table 9 leaves out."""
    effect = omitted_effect(gpus, ngc).set_index(["work", "variant"])
    below = omitted_residuals(gpus, ngc)
    paper, two = "as printed", "with the P100 and A30 FP32 rows"

    def ratio(work: str) -> float:
        at = effect["gflops_per_watt_at_year"]
        return float(at[(work, two)] / at[(work, paper)])

    return {
        "omitted_names": ", ".join(hardware.TABLE9_OMITTED_FP32),
        "unexplained_names": " and ".join(UNEXPLAINED_OMISSIONS),
        "omit_low_times": float(below["times_trend"].min()),
        "omit_high_times": float(below["times_trend"].max()),
        "omit_cnn_growth_paper": float(effect.loc[("CNN", paper), "growth"]),
        "omit_cnn_growth_all": float(effect.loc[("CNN", two), "growth"]),
        "omit_cnn_doubling_paper": float(effect.loc[("CNN", paper), "doubling_years"]),
        "omit_cnn_doubling_all": float(effect.loc[("CNN", two), "doubling_years"]),
        "omit_nlp_growth_paper": float(effect.loc[("NLP", paper), "growth"]),
        "omit_nlp_growth_all": float(effect.loc[("NLP", two), "growth"]),
        "omit_nlp_doubling_paper": float(effect.loc[("NLP", paper), "doubling_years"]),
        "omit_nlp_doubling_all": float(effect.loc[("NLP", two), "doubling_years"]),
        "omit_cnn_2021_ratio": ratio("CNN"),
        "omit_nlp_2021_ratio": ratio("NLP"),
    }


# ----------------------------------------------------------------------------- the page


def comparisons(frames: dict[str, pd.DataFrame]) -> dict[str, pd.DataFrame]:
    """Tables 3, 4, 8 and 9 compared with their printed values (the same frames the audit
    and the scorecard use).
    """
    gpus, ngc = frames["gpus"], frames["ngc_inference_throughput"]
    return {
        "table3": desislavov.table3(ngc, frames["paper_reported/table3_speedups"]),
        "table4": desislavov.table4(ngc, frames["paper_reported/table4_speedup_ratios"]),
        "table8": desislavov.table8(
            gpus, frames["paper_reported/table8_gflops_per_watt"], frames["paper_reported/table9_adapted"]
        ),
        "table9": desislavov.table9(gpus, ngc, frames["paper_reported/table9_adapted"]),
    }
