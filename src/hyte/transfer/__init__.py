"""Moving one organisation between instances: `hyte export_organisation` writes its reports, versions, plans,
assessments, own indicators and observations, its part of the register of actors and activities, members and
audit log to a versioned archive (a zip of JSON Lines files with a manifest), and `hyte import_organisation` reads
it into another instance, all or nothing.

- `tables.py`: what an organisation's archive holds, table by table, in the order it is imported;
- `codec.py`: values to JSON and back, exactly (−0.0, NaN, decimals, aware times, files);
- `writer.py` / `reader.py`: the archive written and read back, every member checked against the manifest;
- `loader.py`: the rows inserted with new primary keys, references resolved by natural key;
- `register.py`: which actors and activities are the organisation's, and those found in the target already;
- `services.py`: the two audited services the commands call.
"""
