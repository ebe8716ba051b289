"""The loader: typed frames from every file, and clear errors for every kind of bad input."""

from pathlib import Path

import pandas as pd
import pytest

from dltrends import data

EXPECTED_ROWS = {
    "cv_models": 94,
    "nlp_models": 19,
    "gpus": 48,
    "ngc_inference_throughput": 58,
    "memory_wall_nlp": 18,
    "memory_wall_cv": 14,
    "memory_wall_training_memory": 8,
    "alexnet_layers": 12,
    "ngc_benchmark_flops": 11,
    "energy_references": 30,
    "accelerators": 33,
    "accelerator_specs": 218,
    "imagenet_models_since_2021": 33,
    "language_models_since_2018": 39,
    "mlperf_power": 314,
    "mlenergy_llm": 428,
    "aienergyscore": 84,
    "reported_energy_figures": 34,
}


@pytest.mark.parametrize("name", sorted(data.SCHEMAS))
def test_every_file_loads_typed(name):
    frame = data.load(name)
    assert len(frame) == EXPECTED_ROWS[name]
    schema = data.SCHEMAS[name]
    for column, col in schema.columns.items():
        if col.kind == "date":
            assert pd.api.types.is_datetime64_any_dtype(frame[column]), column
        elif col.kind in ("float", "int"):
            assert pd.api.types.is_numeric_dtype(frame[column]), column
        elif col.kind == "category":
            assert isinstance(frame[column].dtype, pd.CategoricalDtype), column


def test_dates_from_both_conventions():
    cv = data.load("cv_models").set_index("model_id")
    # 001 prints day/month/year: "01/06/2012" is 1 June 2012.
    assert cv.loc["alexnet", "release_date"] == pd.Timestamp("2012-06-01")
    nlp = data.load("memory_wall_nlp").set_index(["model", "source_document"])
    # 000/002 print month/day/year: "06/11/2018" is 11 June 2018.
    assert nlp.loc[("GPT-1", "000+002"), "release_date"] == pd.Timestamp("2018-06-11")


GOOD = """gpu,precision,tflops,watts,launch_date,gpu_type,source
Tesla V100,FP32,15.70,300,2018-03-27,Server,Table 8
T4,FP32,8.10,70,2018-09-13,Server,Table 8
"""


def _write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "gpus.csv"
    path.write_text(text, encoding="utf-8")
    return path


def _error(tmp_path: Path, text: str) -> str:
    with pytest.raises(data.DataError) as info:
        _write(tmp_path, text)
        data.load("gpus", data_dir=tmp_path)
    return str(info.value)


def test_good_file_loads(tmp_path):
    _write(tmp_path, GOOD)
    frame = data.load("gpus", data_dir=tmp_path)
    assert list(frame["tflops"]) == [15.7, 8.1]


def test_missing_column(tmp_path):
    message = _error(tmp_path, GOOD.replace(",watts", "").replace(",300,", ",").replace(",70,", ","))
    assert "gpus.csv" in message
    assert "missing column(s) ['watts']" in message


def test_text_in_numeric_column(tmp_path):
    message = _error(tmp_path, GOOD.replace("8.10", "eight"))
    assert "gpus.csv" in message
    assert "row 2 (line 3), column 'tflops': not a number: 'eight'" in message


def test_impossible_date(tmp_path):
    message = _error(tmp_path, GOOD.replace("2018-09-13", "2018-02-30"))
    assert (
        "row 2 (line 3), column 'launch_date': not a valid date in ISO form YYYY-MM-DD: '2018-02-30'"
        in message
    )


def test_day_month_date_is_rejected(tmp_path):
    message = _error(tmp_path, GOOD.replace("2018-09-13", "13/09/2018"))
    assert "column 'launch_date': not a valid date" in message


def test_negative_count(tmp_path):
    message = _error(tmp_path, GOOD.replace(",70,", ",-70,"))
    assert "row 2 (line 3), column 'watts': outside the plausible range (> 1 and <= 2000): -70" in message


def test_duplicate_key(tmp_path):
    message = _error(tmp_path, GOOD + "T4,FP32,8.10,70,2018-09-13,Server,Table 8\n")
    assert "duplicate key" in message
    assert "row 2 (line 3)" in message and "row 3 (line 4)" in message


def test_empty_required_value(tmp_path):
    message = _error(tmp_path, GOOD.replace("Tesla V100,FP32", ",FP32"))
    assert "row 1 (line 2), column 'gpu': empty, but a value is required" in message


def test_unknown_category(tmp_path):
    message = _error(tmp_path, GOOD.replace("T4,FP32", "T4,FP64"))
    assert "row 2 (line 3), column 'precision': must be one of" in message


def test_unexpected_column(tmp_path):
    text = GOOD.replace("source\n", "source,gflops_per_watt\n", 1).replace("Table 8\n", "Table 8,1\n")
    message = _error(tmp_path, text)
    assert "unexpected column(s) ['gflops_per_watt']" in message


def test_unknown_file():
    with pytest.raises(KeyError, match="unknown data file"):
        data.load("no_such_table")
    with pytest.raises(data.DataError, match="unknown data file"):
        data.load("no_such_table")


def test_dictionary_documents_every_column():
    for name in data.SCHEMAS:
        frame = data.dictionary(name)
        assert list(frame["column"]) == list(data.SCHEMAS[name].columns)
        assert (frame["meaning"] != "").all(), name
        numeric = frame["type"].isin(["float", "int"])
        assert (frame.loc[numeric, "allowed"] != "").all(), name


# ----------------------------------------------------------------------------- bad files
# Each case: one DataError, naming the file and (where there is one) the physical line
# and the column, with one message per problem.


def _only(message: str) -> str:
    """The single problem of a one-problem DataError."""
    head, *lines = message.split("\n")
    assert head.endswith("1 problem(s)"), message
    assert len(lines) == 1, message
    return lines[0].strip()


def test_empty_file(tmp_path):
    assert "empty file" in _only(_error(tmp_path, ""))


def test_directory_in_place_of_the_file(tmp_path):
    (tmp_path / "gpus.csv").mkdir()
    with pytest.raises(data.DataError, match="is a directory") as info:
        data.load("gpus", data_dir=tmp_path)
    assert "gpus.csv" in str(info.value)


def test_missing_file(tmp_path):
    with pytest.raises(data.DataError, match="file not found"):
        data.load("gpus", data_dir=tmp_path)


def test_thousands_separator_in_the_first_data_row(tmp_path):
    problem = _only(
        _error(tmp_path, GOOD.replace("Tesla V100,FP32,15.70,300", "Tesla V100,FP32,15.70,1,300"))
    )
    assert problem.startswith("line 2: 8 fields, but the header (line 1) has 7")
    assert "thousands separators" in problem


def test_quoted_thousands_separator(tmp_path):
    problem = _only(
        _error(tmp_path, GOOD.replace("Tesla V100,FP32,15.70,300", 'Tesla V100,FP32,15.70,"1,300"'))
    )
    assert problem.startswith("row 1 (line 2), column 'watts': not a number: '1,300'")


def test_too_few_fields(tmp_path):
    problem = _only(_error(tmp_path, GOOD.replace("T4,FP32,8.10,70,", "T4,FP32,8.10,")))
    assert problem.startswith("line 3: 6 fields, but the header (line 1) has 7")


def test_header_only(tmp_path):
    assert _only(_error(tmp_path, GOOD.splitlines()[0] + "\n")) == "no data rows: only a header (line 1)"


@pytest.mark.parametrize(
    "watts, problem",
    [
        ("inf", "not a number: 'inf'"),
        ("nan", "not a number: 'nan'"),
        ("1e309", "not a finite number: '1e309'"),
        ("1e308", "outside the plausible range (> 1 and <= 2000): 1e+308"),
        ("1e-320", "outside the plausible range (> 1 and <= 2000): 9.99989e-321"),
        ("0x46", "not a number: '0x46'"),
        ("7_0", "not a number: '7_0'"),
        ("70 W", "not a number: '70 W'"),
    ],
)
def test_implausible_or_non_finite_numbers(tmp_path, watts, problem):
    message = _only(_error(tmp_path, GOOD.replace(",70,", f",{watts},")))
    assert message.startswith(f"row 2 (line 3), column 'watts': {problem}"), message


def test_no_second_message_for_an_unparseable_required_value(tmp_path):
    message = _only(_error(tmp_path, GOOD.replace(",70,", ",seventy,")))
    assert "empty" not in message


def test_line_numbers_after_a_blank_line(tmp_path):
    text = GOOD.replace("\nT4,", "\n\nT4,").replace("8.10", "eight")
    assert _only(_error(tmp_path, text)).startswith("row 2 (line 4), column 'tflops'")


def test_line_numbers_after_a_quoted_newline(tmp_path):
    text = GOOD.replace("Server,Table 8\nT4", 'Server,"Table 8,\nsecond line"\nT4').replace("8.10", "eight")
    assert _only(_error(tmp_path, text)).startswith("row 2 (line 4), column 'tflops'")


def test_windows_line_endings_and_a_byte_order_mark_load(tmp_path):
    _write(tmp_path, "\ufeff" + GOOD.replace("\n", "\r\n"))
    assert list(data.load("gpus", data_dir=tmp_path)["watts"]) == [300, 70]


def test_latin1_byte(tmp_path):
    (tmp_path / "gpus.csv").write_bytes(GOOD.replace("Table 8\nT4", "Table 8 \xe9\nT4").encode("latin-1"))
    with pytest.raises(data.DataError) as info:
        data.load("gpus", data_dir=tmp_path)
    assert _only(str(info.value)) == "line 2, character 53: byte 0xe9 is not UTF-8 (save the file as UTF-8)"


def test_nul_byte(tmp_path):
    assert (
        _only(_error(tmp_path, GOOD.replace("T4,", "T4\x00,")))
        == "line 3: a NUL character (this is not a text file)"
    )


def test_unclosed_quote(tmp_path):
    assert "not valid CSV" in _only(_error(tmp_path, GOOD.replace("T4,FP32", '"T4,FP32')))


def test_repeated_header_name(tmp_path):
    assert "repeats column(s) ['source']" in _error(
        tmp_path, GOOD.replace("gpu_type,source", "source,source")
    )


def test_every_problem_is_listed(tmp_path):
    text = GOOD.replace("8.10", "eight").replace("2018-03-27", "27/03/2018").replace(",FP32,15", ",FP64,15")
    message = _error(tmp_path, text)
    assert message.splitlines()[0].endswith("3 problem(s)")


def test_reported_files_have_schemas(tmp_path):
    folder = tmp_path / "paper_reported"
    folder.mkdir()
    good = (data.DATA_DIR / "paper_reported" / "table4_speedup_ratios.csv").read_text(encoding="utf-8")
    (folder / "table4_speedup_ratios.csv").write_text(good.replace("2.27", "2.27,extra", 1), encoding="utf-8")
    with pytest.raises(data.DataError, match="line 2: 7 fields, but the header"):
        data.load_reported("table4_speedup_ratios", data_dir=tmp_path)
    (folder / "table4_speedup_ratios.csv").write_bytes(good.replace("V100", "V\xe9", 1).encode("latin-1"))
    with pytest.raises(data.DataError, match="is not UTF-8"):
        data.load_reported("table4_speedup_ratios", data_dir=tmp_path)


@pytest.mark.parametrize("name", ["../gpus", "/etc/passwd", "table4_speedup_ratios.csv", 3])
def test_a_reported_name_cannot_leave_its_folder(name):
    with pytest.raises(data.DataError, match="unknown data file"):
        data.load_reported(name)


@pytest.mark.parametrize("name", sorted(data.REPORTED_SCHEMAS))
def test_every_reported_file_loads(name):
    frame = data.load_reported(name)
    assert len(frame) > 0 and "source" in frame.columns
    assert frame["source"].notna().all()


def test_every_numeric_column_has_plausible_bounds():
    for schemas in (data.SCHEMAS, data.REPORTED_SCHEMAS):
        for name, schema in schemas.items():
            for column, col in schema.columns.items():
                if col.kind in ("float", "int"):
                    assert col.min is not None and col.max is not None, (name, column)


def test_every_column_and_file_is_documented_in_curation():
    columns = data.curated_all("columns")
    files = set(data.curated_all("files")["file"])
    documented = set(zip(columns["file"], columns["column"], strict=True))
    expected = {(name, column) for name, schema in data.SCHEMAS.items() for column in schema.columns}
    expected |= {
        (f"paper_reported/{name}", column)
        for name, schema in data.REPORTED_SCHEMAS.items()
        for column in schema.columns
    }
    assert expected - documented == set(), "columns without a unit and meaning in data/curation/columns.csv"
    assert documented - expected == set(), "data/curation/columns.csv documents columns that do not exist"
    assert {name for name, _ in expected} <= files, "files without a source in data/curation/files.csv"


@pytest.mark.parametrize("name", sorted(data.CURATION_SCHEMAS))
def test_every_curation_file_loads(name):
    path = data.DATA_DIR / "curation" / f"{name}.csv"
    if name.endswith(("_since_2021", "_measured")) and not path.exists():
        pytest.fail(f"data/curation/{name}.csv is missing")
    assert len(data.load_curated(name)) > 0
