"""Records as dicts: the generated ``to_dict`` gives every field, in the output order."""

from conflict_cli.models import RECORD_TYPES


def test_to_dict_gives_every_field_in_order():
    for cls in RECORD_TYPES.values():
        rec = cls(doc="d", sentence=3, start=1, end=9, evidence="e", date="2023-11-06", rule="r")
        d = rec.to_dict()
        names = cls.field_names()
        assert list(d) == names
        assert d["type"] == cls.TYPE
        for k in names:
            if k != "type":
                assert d[k] == getattr(rec, k)
        assert rec.to_dict() == d and rec.to_dict() is not d  # a fresh dict each time
