import pytest

from conftest import detect
from detectors.recognizers.cn_person import ChinesePersonRecognizer, is_name_shape


@pytest.mark.parametrize("text, expected", [
    ("姓名：程英  身份证号：310115200408227209", ["程英"]),
    ("用户孙建华更新手机号为15883128554", ["孙建华"]),
    ("法定代表人：李明", ["李明"]),
    ("联系人 欧阳娜娜 女士", ["欧阳娜娜"]),
    ("张兰英，王凤英", ["张兰英", "王凤英"]),
    ("姓名：萧楠，赖旭", ["萧楠", "赖旭"]),             # 萧 and 赖 are top-100 surnames
    ("智能门锁 空气净化器 无线耳机 扫地机器人", []),
    ("华北 华东 华南 西南", []),
    ("需开具增值税发票 已签署隐私授权 周末联系 老客户", []),
    ("高兴地说，金融市场平稳，周末见", []),
    ("联系人：王经理", []),                           # a title, not a name
    ("上海市徐汇区文三路195号", []),                   # places
    ("劳动合同书\n乙方（劳动者）：王五\n身份证号码：", []),   # the canonical sample names of a template
    ("填写说明 例：周晓燕", []),                       # a sample in a form
    ("乙方：李某某", []),
    ("我们收集：姓名、身份证号码、手机号码、银行卡号、住址", []),  # jieba's dictionary tags 银行卡 nr
    ("客户 张芳，谢谢。", ["张芳"]),                  # jieba tags 谢谢 nr too; context nearby is no help
    ("联系人 明白", []),
    ("姓名：李白", ["李白"]),                         # a name the dictionary knows, not a frequent word
])
def test_in_text(engine, text, expected):
    assert [v for e, v in detect(engine, text) if e == "PERSON"] == expected


def test_a_column_of_names_with_its_header(engine):
    from scanner.records import Chunk

    names = ["张浩", "邓婷婷", "朱建平", "高建国", "裴淑珍"]
    found = engine.detect(Chunk("\n".join(names) + "\n", ((0, "row 1"),), column="客户姓名"))
    assert [m.text for m in found if m.entity_type == "PERSON"] == names


@pytest.mark.parametrize("name, shape", [
    ("张三", True), ("欧阳娜娜", True), ("王经理", False), ("徐汇区", False), ("张", False), ("的确良", False),
    ("张ab", False), ("王小明明", False),
])
def test_name_shape(name, shape):
    assert is_name_shape(name) is shape


def test_jieba_loads_once_and_quietly(capsys):
    recognizer = ChinesePersonRecognizer()
    recognizer.analyze("姓名：张三", ["PERSON"])
    recognizer.analyze("姓名：李四", ["PERSON"])
    captured = capsys.readouterr()
    assert "Building prefix dict" not in captured.err + captured.out
