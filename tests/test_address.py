import pytest

from conftest import detect


@pytest.mark.parametrize("text, expected", [
    ("850 Andrew Avenue, Lake Andrewborough, DC 33880", ["850 Andrew Avenue, Lake Andrewborough, DC 33880"]),
    ("Mail to 12 W. Main St., Springfield, IL 62701 please", ["12 W. Main St., Springfield, IL 62701"]),
    ("She lives at 30 Odonnell Way", ["30 Odonnell Way"]),
    # USPS suffixes that were missing: the street name was then read as a person.
    ("734 Anthony Canyon, East Marc, DC 70977", ["734 Anthony Canyon, East Marc, DC 70977"]),
    ("968 Brian Overpass, Sheilaton, ID 61771", ["968 Brian Overpass, Sheilaton, ID 61771"]),
    ("662 James Streets Apt. 310, Jonesside, AR 60961", ["662 James Streets Apt. 310, Jonesside, AR 60961"]),
    ("住址：广东省深圳市南山区科技园路88号3栋1201室", ["广东省深圳市南山区科技园路88号3栋1201室"]),
    ("地址 北京市朝阳区建国路8号", ["北京市朝阳区建国路8号"]),
    ("中山路8号", []),                     # a road without a division: a shop sign as often as a home
    ("We shipped 3 units on Main Street", []),
    # Not shaped like …区…路…号: a building letter and 座, a compound's 栋/单元/室, a village's 组, a postcode.
    ("现住址 | 天津市河西区友谊路C座1805室", ["天津市河西区友谊路C座1805室"]),
    ("寄至：杭州市拱墅区和睦新村22幢1单元402室", ["杭州市拱墅区和睦新村22幢1单元402室"]),
    ("户籍地址：江西省赣州市于都县银坑镇平安村7组", ["江西省赣州市于都县银坑镇平安村7组"]),
    ("通讯地址：辽宁省沈阳市和平区南京南街166号 110001", ["辽宁省沈阳市和平区南京南街166号 110001"]),
    # A labelled field is an address as soon as it has a division; the same words unlabelled are not.
    ("户籍所在地：内蒙古自治区呼和浩特市赛罕区", ["内蒙古自治区呼和浩特市赛罕区"]),
    ("Address | 湖北省宜昌市", ["湖北省宜昌市"]),
    ("内蒙古自治区呼和浩特市赛罕区", []),
    ("本季度华东区销售额上升", []),
    ("锦绣花园7栋2单元302室", []),          # a compound with no division: could be anywhere
    ("地址：本市", []),
    ("永辉超市5号楼", []),                  # 超市 is a shop, not a city
    ("本县新农村建设成效显著", []),          # policy words, not a village
    ("全市乡村振兴工作会议", []),
    # Written the European way, US military mail, post-office boxes, a flat next to address context.
    ("Bitte an Lindenstraße 14, 10969 Berlin schicken", ["Lindenstraße 14"]),
    ("Our office moved to Keizersgracht 212 in June", ["Keizersgracht 212"]),
    ("Spedire a Viale della Libertà 45, Palermo", ["Viale della Libertà 45"]),
    ("PSC 4410, Box 8127\nAPO AE 09321", ["PSC 4410, Box 8127\nAPO AE 09321"]),
    ("Mail: P.O. Box 7781, Reno", ["P.O. Box 7781"]),
    ("Her address is Suite 404", ["Suite 404"]),
    ("Upgrade to Office Suite 2021 today", []),                  # a product, no address context
    ("Weg 3 is closed", []),                                    # a suffix alone is no street name
    ("Wir wohnen in der Grazer Strasse 12", ["Grazer Strasse 12"]),
    ("Találkozó: Szent István tér 7", ["Szent István tér 7"]),
    ("unit 8812 box 4410\ndpo ae 09123", ["unit 8812 box 4410\ndpo ae 09123"]),
    ("Name: Ola N.\nAddress:    4471 Kirkegata 9, Bergen\n", ["4471 Kirkegata 9, Bergen"]),
    ("Address: see the attached form", []),                      # a labelled field with no number
    # The words before the first division are not the address (the pattern starts as early as it can).
    ("麻烦把合同寄到浙江省宁波市鄞州区钱湖北路9号", ["浙江省宁波市鄞州区钱湖北路9号"]),
    ("他现在住在成都市锦江区东大街12号", ["成都市锦江区东大街12号"]),
    ("杭州市西湖区天津路5号", ["杭州市西湖区天津路5号"]),             # a province's name inside a street name
    # Divisions written in English make an address where a label says so.
    ("Home address: Jinjiang District, Chengdu", ["Jinjiang District, Chengdu"]),
    ("Revenue in Jinjiang District, Chengdu rose 4%", []),
])
def test_in_text(engine, text, expected):
    assert [v for e, v in detect(engine, text) if e == "ADDRESS"] == expected


def test_full_address_is_not_reported_as_a_person(engine):
    found = detect(engine, "2133 Amanda Park, Jamesstad, CO 72891")
    assert [e for e, _ in found] == ["ADDRESS"]
