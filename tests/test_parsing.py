"""The file readers, without a database: numbers, years, genders and every format's bad input."""

from __future__ import annotations

from pathlib import Path

import pytest

from hyte.indicators.parsing import (
    FileRefused,
    Mapping,
    ParsedRow,
    Rejected,
    decode,
    detect_format,
    guess_header_row,
    guess_mapping,
    parse_bytes,
    parse_number,
    parse_year,
    read_table,
)

XLSX = Path(__file__).parent / "data" / "statfi-municipal-areas-2022-fi-sv-en.xlsx"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("12.5", 12.5),
        ("12,5", 12.5),
        ("1 234,5", 1234.5),
        ("1\u00a0234,5", 1234.5),
        ("1,234.5", 1234.5),
        ("1.234,5", 1234.5),
        ("-3", -3.0),
        (7, 7.0),
        ("0", 0.0),
    ],
)
def test_numbers_with_decimal_points_and_commas(text, expected):
    assert parse_number(text) == expected


@pytest.mark.parametrize("text", ["abc", "1,2,3x", "nan", "inf", "12 %x"])
def test_non_numbers_are_refused(text):
    with pytest.raises(ValueError):  # noqa: PT011
        parse_number(text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2012", (2012, "")),
        ("2012.0", (2012, "")),
        ("2019-2020", (2020, "2019-2020")),
        ("2019–20", (2020, "2019–20")),
        ("2023Q1", (2023, "2023Q1")),
    ],
)
def test_years_and_periods(text, expected):
    assert parse_year(text) == expected


@pytest.mark.parametrize("text", ["", "20x2", "12", "3012"])
def test_bad_years_are_refused(text):
    with pytest.raises(ValueError):  # noqa: PT011
        parse_year(text)


def test_formats_are_detected():
    assert detect_format(b"indicator;region;year;gender;primary value;absolute value\n") == "sotkanet-csv"
    assert detect_format(b'[{"indicator": 1}]') == "sotkanet-json"
    assert detect_format(b'"V\xe4est\xf6 31.12.";127;Alaj\xe4rvi;005;yhteens\xe4;2012;10 000;\n') == "sotkanet-web"
    assert detect_format(b"kunta;vuosi;arvo\n") == "table"
    assert detect_format(b"indicator;region;year;value\n") == "table"  # anyone's table: its regions need a reading
    assert detect_format(XLSX.read_bytes()) == "table"


def rows(data: bytes, **kwargs) -> list:
    return list(parse_bytes(data, **kwargs))


def test_api_csv_rows():
    parsed = rows(
        b"indicator;region;year;gender;primary value;absolute value\n127;69;2009;total;2406;\n4;2;1996;male;2.5;12\n"
    )
    assert parsed == [
        ParsedRow(line=2, indicator="127", area="69", year=2009, value=2406.0),
        ParsedRow(line=3, indicator="4", area="2", year=1996, value=2.5, absolute_value=12.0, gender="male"),
    ]


def test_api_csv_saved_comma_separated_reads_the_same():
    semicolons = rows(b"indicator;region;year;gender;primary value;absolute value\n127;69;2009;total;2406.5;12\n")
    commas = rows(b"indicator,region,year,gender,primary value,absolute value\n127,69,2009,total,2406.5,12\n")
    assert (
        commas
        == semicolons
        == [ParsedRow(line=2, indicator="127", area="69", year=2009, value=2406.5, absolute_value=12.0)]
    )


def test_a_header_that_is_not_sotkanets_is_refused_for_the_sotkanet_format():
    with pytest.raises(FileRefused, match="must name at least the columns indicator, region, year and primary value"):
        rows(b"kunta;vuosi;arvo\n240;2024;5\n", file_format="sotkanet-csv")


def test_api_csv_bad_rows_are_rejected_with_their_line():
    parsed = rows(
        b"indicator;region;year;gender;primary value;absolute value\n"
        b"127;69;2009;total;abc;\n127;69;20x9;total;1;\n127;69;2009;other;1;\n127;69\n127;70;2009;total;;\n"
    )
    assert [(r.line, r.reason) for r in parsed if isinstance(r, Rejected)] == [
        (2, "bad number 'abc'"),
        (3, "bad year '20x9'"),
        (4, "unknown gender 'other'"),
        (5, "expected 6 fields as in the header, found 2"),
    ]
    suppressed = parsed[-1]
    assert (suppressed.value, suppressed.missing_reason) == (None, "suppressed")


def test_a_truncated_json_file_is_refused_with_the_place():
    with pytest.raises(FileRefused, match="malformed at line 1"):
        rows(b'[{"indicator": 127, "region": 69, "year": 2009, "gender": "total", "value": 24')


def test_json_objects_with_missing_keys_are_rejected():
    parsed = rows(b'[{"indicator": 127, "region": 69, "year": 2009, "value": 1.5}, {"indicator": 127}, 5]')
    assert parsed[0] == ParsedRow(line=1, indicator="127", area="69", year=2009, value=1.5)
    assert [r.reason for r in parsed[1:]] == ["missing region, year", "not an object"]


def test_the_web_export_in_iso_8859_1_with_decimal_commas():
    data = (
        '"Työttömät, % työvoimasta";181;Kemi;240;yhteensä;2012;14,5;1 234\n'
        '"Työttömät, % työvoimasta";181;Kemi;240;miehet;2012;;\n'
        '"Työttömät, % työvoimasta";181;Kemi;240;naiset;2012;12.1;\n'
    ).encode("iso-8859-1")
    parsed = rows(data)
    assert parsed[0] == ParsedRow(
        line=1,
        indicator="181",
        area="240",
        area_name="Kemi",
        area_code="240",
        year=2012,
        value=14.5,
        absolute_value=1234.0,
        indicator_title="Työttömät, % työvoimasta",
        title_language="fi",
    )
    assert (parsed[1].gender, parsed[1].value, parsed[1].missing_reason) == ("male", None, "suppressed")
    assert (parsed[2].gender, parsed[2].value) == ("female", 12.1)


@pytest.mark.parametrize(
    ("data", "says"),
    [
        ("kunta;arvo\n240;5\n".encode("utf-16"), "UTF-16 text"),
        ("kunta;arvo\n240;5\n".encode("utf-16-le"), "UTF-16 text"),  # without a byte-order mark
        ("kunta;arvo\n240;5\n".encode("utf-16-be"), "UTF-16 text"),
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n", "a PDF document"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "a PNG image"),
        (b"\x1f\x8b\x08\x00\x00\x00\x00\x00", "a gzip archive"),
        (b"MZ\x90\x00\x03\x00\x00\x00\x04\x00", "a binary file"),
    ],
)
def test_utf16_and_binary_files_are_refused_saying_what_they_are(data, says):
    with pytest.raises(FileRefused, match=f"the file is {says}"):
        decode(data)
    with pytest.raises(FileRefused, match=f"the file is {says}"):
        detect_format(data)


def test_an_empty_file_is_refused():
    with pytest.raises(FileRefused, match="empty"):
        rows(b"  \n")


def test_a_table_needs_a_mapping():
    with pytest.raises(FileRefused, match="needs a column mapping"):
        rows(b"kunta;vuosi;arvo\n240;2024;5\n")


def test_a_table_with_a_mapping_reads_extra_and_missing_columns():
    data = b"kunta;vuosi;ika;arvo;n;extra\n240;2024;13-17;55,5;120;x\n851;2024\n240;2023;;abc;;\n240;2022;;;;\n"
    mapping = Mapping(area=0, year=1, age_group=2, value=3, absolute_value=4, indicator_fixed="KH1")
    parsed = rows(data, mapping=mapping)
    assert parsed[0] == ParsedRow(
        line=2, indicator="KH1", area="240", year=2024, age_group="13-17", value=55.5, absolute_value=120.0
    )
    assert parsed[1] == Rejected(3, "expected 6 fields as in the header, found 2", "851;2024")  # a short row
    assert parsed[2] == Rejected(3 + 1, "bad number 'abc'", "240;2023;;abc;;")
    assert (parsed[3].value, parsed[3].missing_reason) == (None, "suppressed")  # an empty cell: suppressed


def test_a_mapping_pointing_outside_the_file_is_refused():
    with pytest.raises(FileRefused, match="column 9 for value is not in the file"):
        rows(b"kunta;vuosi;arvo\n240;2024;5\n", mapping=Mapping(area=0, year=1, value=8, indicator_fixed="x"))
    with pytest.raises(FileRefused, match="choose the year column"):
        rows(b"kunta;vuosi;arvo\n240;2024;5\n", mapping=Mapping(area=0, value=2, indicator_fixed="x"))


def test_a_real_xlsx_with_a_title_row():
    table = read_table(XLSX.read_bytes())
    assert guess_header_row(table) == 2
    assert guess_mapping(table[1])["area"] == 1  # "Kunnan numero": the code beats the name
    assert table[2][1] == "005"


def test_a_broken_xlsx_is_refused():
    with pytest.raises(FileRefused, match="damaged ZIP or XLSX"):
        read_table(b"PK\x03\x04garbage")
