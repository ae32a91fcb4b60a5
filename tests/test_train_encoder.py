"""A tiny training run of the accurate finder's encoder (random weights, three articles): it
saves a model folder that loads without torch and tags a doc.  CI never trains the real one."""

from __future__ import annotations

import json

import pytest

from quotegraph.pipeline import encoder, finders
from quotegraph.pipeline.spanmodel import ROLES

from test_spanmodel import small_split

TINY = {"vocab_size": 30522, "hidden_size": 32, "num_hidden_layers": 1, "num_attention_heads": 2,
        "intermediate_size": 64, "max_position_embeddings": 512, "type_vocab_size": 2,
        "hidden_dropout_prob": 0.1, "layer_norm_eps": 1e-12}


@pytest.mark.slow
def test_tiny_encoder_training_saves_an_onnx_model_that_loads_and_tags(polnear, tmp_path, nlp):
    pytest.importorskip("torch")
    pytest.importorskip("onnx")
    from quotegraph import train_encoder

    pretrained = tmp_path / "pretrained"
    pretrained.mkdir()
    (pretrained / "config.json").write_text(json.dumps(TINY), encoding="utf-8")
    (pretrained / "vocab.txt").write_bytes((finders.ACCURATE_MODEL / "vocab.txt").read_bytes())
    train_dir, dev_dir = small_split(polnear, tmp_path, "train", 3), small_split(polnear, tmp_path, "dev", 1)
    out = tmp_path / "model"
    result = train_encoder.train_encoder(train_dir, dev_dir, out, epochs=1, window=64, context=8, threads=1,
                                         pretrained=pretrained, random_init=True, log=lambda line: None, nlp=nlp)
    assert result.best_step >= 1 and result.history
    assert sorted(p.name for p in out.iterdir()) == ["config.json", "model.onnx", "vocab.txt"]
    model = encoder.load(out)
    doc = nlp("The senator said on Monday that the bill would pass.")
    spans = model.predict([doc])[0]
    assert all(role in ROLES and 0 <= s < e <= len(doc) for role, s, e in spans)
    # The int8 ONNX model and the torch network it came from agree on dev (decoded, assembled, scored).
    assert result.quantized_report is not None and result.dev_report is not None
    assert abs(result.quantized_report.scores["Content overlap"].f1 - result.dev_report.scores["Content overlap"].f1) < 0.15
