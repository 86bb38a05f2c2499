"""The methods an organisation starts from: screening, the full EVA/IVA and the child impact assessment (LAVA).

These are content, not interface text: each organisation gets its own copy in Finnish on first use and its
coordinators edit it (the outline of the welfare report in reports/outline.py is kept the same way). The
questions follow THL's and Kuntaliitto's EVA/IVA guidance and the core questions of the LAVA method.
"""

from __future__ import annotations

DEFAULT_METHODS: dict[str, tuple[str, str, list[str]]] = {
    "screening": (
        "Ennakkoarvioinnin tarveharkinta",
        "Pikaseulonta: tarvitaanko päätöksestä täysi vaikutusten ennakkoarviointi (EVA/IVA) "
        "tai lapsivaikutusten arviointi (LAVA)?",
        [
            "Vaikuttaako päätös suoraan tai välillisesti asukkaiden hyvinvointiin, terveyteen tai elinoloihin?",
            "Vaikuttaako päätös eri väestöryhmiin eri tavoin (lapset, nuoret, ikääntyneet, vammaiset henkilöt, "
            "kieli- ja kulttuurivähemmistöt, sukupuolet)?",
            "Vaikuttaako päätös lapsiin suoraan tai välillisesti?",
            "Vaikuttaako päätös palveluihin, niiden saavutettavuuteen tai elinympäristöön?",
            "Vaikuttaako päätös hyvinvointisuunnitelman tavoitteisiin?",
            "Ovatko vaikutukset suuria, pitkäkestoisia tai vaikeasti peruttavia?",
        ],
    ),
    "full": (
        "Vaikutusten ennakkoarviointi (EVA/IVA)",
        "Ihmisiin kohdistuvien vaikutusten arviointi: vaihtoehtojen vaikutukset väestöryhmittäin, "
        "elinympäristöön, talouteen sekä organisaatioon ja henkilöstöön.",
        [
            "Mikä on päätöksen tavoite ja mitä vaihtoehtoja on?",
            "Keihin päätös vaikuttaa ja miten vaikutukset jakautuvat väestöryhmien kesken?",
            "Miten vaihtoehdot vaikuttavat hyvinvointisuunnitelman tavoitteisiin?",
            "Mitkä ovat kumulatiiviset ja poikkihallinnolliset vaikutukset?",
            "Mitä vaikutuksista tiedetään ja mitä ei tiedetä?",
            "Miten haitallisia vaikutuksia voidaan lieventää?",
            "Miten vaikutuksia seurataan päätöksen jälkeen?",
        ],
    ),
    "child": (
        "Lapsivaikutusten arviointi (LAVA)",
        "Lapsen edun ensisijaisuus (YK:n lapsen oikeuksien sopimus, 3 artikla): päätöksen vaikutukset "
        "lapsiin ja nuoriin arvioidaan ennen päätöstä ja lapsia kuullaan.",
        [
            "Miten päätös vaikuttaa lasten hyvinvointiin ja oikeuksien toteutumiseen lyhyellä ja pitkällä aikavälillä?",
            "Miten lapsia ja nuoria on kuultu, ja mitä he sanoivat?",
            "Onko näkemyksissä ristiriitoja (lapset, vanhemmat, ammattilaiset, muut ryhmät), ja miten ne on ratkaistu?",
            "Kohdistuuko päätöksestä haittaa johonkin lapsiryhmään (esim. vammaiset lapset, pienituloisten "
            "perheiden lapset, kieli- ja kulttuurivähemmistöjen lapset)? Miten haittaa lievennetään?",
            "Mitä vaikutuksista tiedetään ja mitä ei tiedetä?",
            "Mikä vaihtoehto on kokonaisuutena lapsen edun kannalta paras?",
        ],
    ),
}
