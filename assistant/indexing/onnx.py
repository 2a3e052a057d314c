"""all-MiniLM-L6-v2 as ONNX: exported once at ingest, then texts are embedded without PyTorch.

The export lives beside the index (``index/onnx/``) and holds everything a query needs: the graph
(BERT, mean pooling over the attention mask, L2 normalisation, as sentence-transformers computes
them), the model's own ``tokenizer.json`` and ``export.json``. Querying imports onnxruntime and
tokenizers (about 0.2 s) instead of sentence-transformers (about 10 s).
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import shutil
from collections.abc import Callable, Sequence
from pathlib import Path

import numpy as np

from assistant.errors import BackendError

log = logging.getLogger(__name__)

EXPORT_DIRNAME = "onnx"
MODEL_FILE = "model.onnx"
INT8_FILE = "model.int8.onnx"
TOKENIZER_FILE = "tokenizer.json"
META_FILE = "export.json"
EXPORT_VERSION = 1
FIX = "run `assistant ingest` to export it again"
COMPACT = "int8-rows"  # export.json's mark of an export whose word-embedding table is compacted


def export_dir(index_dir: Path) -> Path:
    return Path(index_dir) / EXPORT_DIRNAME


def source_fingerprint(model_path: str | Path) -> str:
    """Identifies the model files an export came from; cheap (sizes and small files, no weights read)."""
    root = Path(model_path)
    h = hashlib.sha256()
    for name in sorted(os.listdir(root)):
        p = root / name
        if p.is_file():
            h.update(f"{name}:{p.stat().st_size}".encode())
            if p.stat().st_size < 1_000_000:  # configs and tokenizer: their content, not just size
                h.update(p.read_bytes())
    return h.hexdigest()[:16]


def read_meta(directory: Path) -> dict:
    """``export.json`` of a usable export; BackendError with the reason when it is not usable."""
    directory = Path(directory)
    try:
        meta = json.loads((directory / META_FILE).read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise BackendError(f"no ONNX export of the embedding model in {directory}") from None
    except (OSError, ValueError) as err:
        raise BackendError(f"the ONNX export in {directory} is unreadable ({err}); {FIX}") from None
    if not isinstance(meta, dict) or meta.get("version") != EXPORT_VERSION:
        raise BackendError(f"the ONNX export in {directory} has an unknown format; {FIX}")
    for name in (MODEL_FILE, TOKENIZER_FILE):
        if not (directory / name).is_file():
            raise BackendError(f"the ONNX export in {directory} is missing {name}; {FIX}")
    return meta


def _max_seq_length(model_path: Path) -> int:
    try:
        cfg = json.loads((model_path / "sentence_bert_config.json").read_text(encoding="utf-8"))
        return int(cfg["max_seq_length"])
    except (OSError, ValueError, KeyError, TypeError):
        return 256  # sentence-transformers' value for all-MiniLM-L6-v2


def export_model(model_path: str | Path, directory: Path, *, name: str, quantize: bool = True) -> Path:
    """Trace the transformer with pooling and normalisation into ``directory`` (needs torch).

    Written to a temporary folder and renamed into place, so a crash never leaves half an export.
    """
    # the model ships in a package; never let a missing file turn into a hub download
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_VERBOSITY", "error")
    import torch
    from transformers import AutoModel
    from transformers.utils import logging as hf_logging

    hf_logging.disable_progress_bar()  # "Loading weights" bars
    model_path, directory = Path(model_path), Path(directory)
    directory.parent.mkdir(parents=True, exist_ok=True)
    tmp = directory.parent / f".{directory.name}-tmp-{os.getpid()}"
    shutil.rmtree(tmp, ignore_errors=True)
    tmp.mkdir()
    try:
        try:  # eager attention traces to plain MatMul/Softmax ops that ONNX Runtime fuses well
            bert = AutoModel.from_pretrained(str(model_path), attn_implementation="eager")
        except (TypeError, ValueError):
            bert = AutoModel.from_pretrained(str(model_path))
        bert.eval()

        class Pooled(torch.nn.Module):
            def __init__(self, model):
                super().__init__()
                self.model = model

            def forward(self, input_ids, attention_mask, token_type_ids):
                tokens = self.model(
                    input_ids=input_ids, attention_mask=attention_mask, token_type_ids=token_type_ids
                )[0]
                mask = attention_mask.unsqueeze(-1).to(tokens.dtype)
                mean = (tokens * mask).sum(1) / mask.sum(1).clamp(min=1e-9)
                return torch.nn.functional.normalize(mean, p=2, dim=1)

        sample = torch.ones(2, 8, dtype=torch.long)
        axes = {0: "batch", 1: "tokens"}
        import warnings

        with warnings.catch_warnings(), torch.no_grad():
            warnings.simplefilter("ignore")  # tracer notes about constant-folded Python branches
            torch.onnx.export(
                Pooled(bert),
                (sample, sample, torch.zeros_like(sample)),
                str(tmp / MODEL_FILE),
                input_names=["input_ids", "attention_mask", "token_type_ids"],
                output_names=["embedding"],
                dynamic_axes={
                    "input_ids": axes,
                    "attention_mask": axes,
                    "token_type_ids": axes,
                    "embedding": {0: "batch"},
                },
                opset_version=17,
                dynamo=False,  # the TorchScript exporter needs no onnxscript and handles BERT
            )
        compacted = compact_word_embeddings(tmp / MODEL_FILE)
        if quantize:
            quantize_int8(tmp / MODEL_FILE, tmp / INT8_FILE)
        shutil.copy(model_path / TOKENIZER_FILE, tmp / TOKENIZER_FILE)
        meta = {
            "version": EXPORT_VERSION,
            "name": name,
            "dim": int(bert.config.hidden_size),
            "max_seq_length": _max_seq_length(model_path),
            "source": source_fingerprint(model_path),
            "int8": quantize,
            # "unchanged": a graph without such a table, so no export again at every ingest
            "word_embeddings": COMPACT if compacted else "unchanged",
        }
        (tmp / META_FILE).write_text(json.dumps(meta, indent=2), encoding="utf-8")
        old = directory.parent / f".{directory.name}-old-{os.getpid()}"
        if directory.exists():
            os.rename(directory, old)
        os.rename(tmp, directory)
        shutil.rmtree(old, ignore_errors=True)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    return directory


def compact_word_embeddings(path: Path) -> bool:
    """Store the word-embedding table as int8 with one scale per row, in place; True if changed.

    The table (30,522 x 384 floats) is 47 of the model's 90 MB and is only ever looked up, never
    multiplied: a question reads a dozen of its rows. One scale per row keeps each looked-up vector
    within 1/254 of its largest entry, so the embeddings keep a cosine above 0.9999 with the fp32
    graph, and a query process holds 35 MB less. The lookup becomes Gather(int8) -> Cast -> Mul by
    Gather(scale).
    """
    import onnx
    from onnx import TensorProto, helper, numpy_helper

    model = onnx.load(str(path))
    graph = model.graph
    if any(init.name.endswith("word_embeddings.weight.int8") for init in graph.initializer):
        return False  # compacted already
    gathers = {n.input[0]: n for n in graph.node if n.op_type == "Gather" and len(n.input) == 2}
    table = next(
        (
            init
            for init in graph.initializer
            if init.name in gathers and "word_embeddings" in init.name and init.data_type == TensorProto.FLOAT
        ),
        None,
    )
    if table is None or len(table.dims) != 2:
        return False
    node = gathers[table.name]
    if any(table.name in n.input for n in graph.node if n is not node):
        return False  # tied to an output layer: it is multiplied after all
    weights = numpy_helper.to_array(table)
    scale = np.abs(weights).max(axis=1, keepdims=True) / 127.0
    scale[scale == 0] = 1.0
    rows = np.clip(np.round(weights / scale), -127, 127).astype(np.int8)
    ids, out = node.input[1], node.output[0]
    graph.initializer.remove(table)
    graph.initializer.extend(
        [
            numpy_helper.from_array(rows, f"{table.name}.int8"),
            numpy_helper.from_array(scale.astype(np.float32), f"{table.name}.scale"),
        ]
    )
    at = list(graph.node).index(node)
    graph.node.remove(node)
    axis = [a for a in node.attribute if a.name == "axis"]
    kw = {"axis": helper.get_attribute_value(axis[0])} if axis else {}
    replacement = [
        helper.make_node("Gather", [f"{table.name}.int8", ids], [f"{out}.int8"], **kw),
        helper.make_node("Cast", [f"{out}.int8"], [f"{out}.float"], to=TensorProto.FLOAT),
        helper.make_node("Gather", [f"{table.name}.scale", ids], [f"{out}.scale"], **kw),
        helper.make_node("Mul", [f"{out}.float", f"{out}.scale"], [out]),
    ]
    for offset, new in enumerate(replacement):
        graph.node.insert(at + offset, new)
    onnx.save(model, str(path))
    return True


def quantize_int8(src: Path, dst: Path) -> None:
    """Dynamic int8 weights for the MatMuls, one scale per output channel.

    Per-tensor int8 of every op cost too much (mean cosine to fp32 0.95); per-channel MatMul-only
    keeps 0.993 and takes 2.1 instead of 3.5 CPU-seconds per 100 synthetic role chunks.
    """
    from onnxruntime.quantization import QuantType, quantize_dynamic

    root = logging.getLogger()
    level = root.level
    root.setLevel(logging.ERROR)  # it logs a "consider pre-processing" hint on the root logger
    try:
        quantize_dynamic(
            str(src), str(dst), weight_type=QuantType.QInt8, op_types_to_quantize=["MatMul"], per_channel=True
        )
    finally:
        root.setLevel(level)


def ensure_export(
    directory: Path,
    *,
    model_path: str | Path,
    name: str,
    quantize: bool = True,
    notify: Callable[[str], None] = lambda msg: None,
) -> bool:
    """Export unless a usable export of the same model files is there; False (with a notice) on failure."""
    try:
        meta = read_meta(directory)
        if meta.get("source") == source_fingerprint(model_path) and meta.get("name") == name:
            if (not quantize or meta.get("int8")) and meta.get("word_embeddings") in (COMPACT, "unchanged"):
                return True
    except BackendError:
        pass
    notify(f"exporting the embedding model to ONNX in {directory} (once) ...")
    try:
        export_model(model_path, directory, name=name, quantize=quantize)
    except ImportError as err:
        notify(f"could not export the embedding model to ONNX ({err.name} is missing); using PyTorch")
        return False
    except Exception as err:  # a tracer or exporter failure must not stop the ingest
        log.debug("ONNX export failed", exc_info=True)
        notify(f"could not export the embedding model to ONNX ({type(err).__name__}: {err}); using PyTorch")
        return False
    return True


class OnnxEmbedder:
    """Embeds with ONNX Runtime and the ``tokenizers`` library; loaded on first use.

    Texts are sorted by token count and batched in that order, so a batch pads to its own longest
    text rather than to the longest of the whole call. ``int8`` picks the quantized graph (faster,
    for documents at ingest); questions use the fp32 graph (word embeddings as int8 rows), at cosine
    above 0.9999 to sentence-transformers.
    """

    def __init__(
        self,
        directory: Path,
        *,
        int8: bool = False,
        batch_size: int = 32,
        threads: int | None = None,
        prepack: bool = True,
        fallback: Callable[[], object] | None = None,
    ) -> None:
        if batch_size <= 0:
            raise ValueError(f"batch_size must be greater than 0. Currently, batch_size is {batch_size}")
        self.directory = Path(directory)
        meta = read_meta(self.directory)
        self.name = str(meta["name"])
        self.dim = int(meta.get("dim", 384))
        self.max_seq_length = int(meta.get("max_seq_length", 256))
        self.int8 = bool(int8 and meta.get("int8") and (self.directory / INT8_FILE).is_file())
        self.batch_size = batch_size
        self.prepack = prepack
        self.threads = threads or max(1, os.cpu_count() or 1)
        self._fallback = fallback
        self._delegate = None
        self._session = None
        self._tokenizer = None

    @property
    def runtime(self) -> str:
        if self._delegate is not None:
            return "sentence-transformers"
        return "onnx-int8" if self.int8 else "onnx"

    def _load(self) -> None:
        if self._session is not None or self._delegate is not None:
            return
        try:
            import onnxruntime as ort
            from tokenizers import Tokenizer

            tokenizer = Tokenizer.from_file(str(self.directory / TOKENIZER_FILE))
            tokenizer.no_padding()  # padded per batch below, to that batch's longest text
            tokenizer.enable_truncation(self.max_seq_length)
            options = ort.SessionOptions()
            options.intra_op_num_threads = self.threads
            options.inter_op_num_threads = 1
            options.log_severity_level = 3
            if not self.prepack:
                # ONNX Runtime keeps a second, re-laid-out copy of every weight matrix for speed:
                # +29 MB resident for the fp32 model, which a one-question-at-a-time process
                # embedding a dozen tokens does not need
                options.add_session_config_entry("session.disable_prepacking", "1")
            model = self.directory / (INT8_FILE if self.int8 else MODEL_FILE)
            session = ort.InferenceSession(str(model), options, providers=["CPUExecutionProvider"])
        except Exception as err:  # ImportError, a damaged model file, a bad tokenizer.json
            reason = f"{type(err).__name__}: {str(err).splitlines()[0] if str(err) else ''}".rstrip(": ")
            if self._fallback is None:
                raise BackendError(
                    f"cannot load the ONNX export in {self.directory} ({reason}); {FIX}"
                ) from None
            log.warning(
                "the ONNX export in %s cannot be loaded (%s); embedding with sentence-transformers; %s",
                self.directory,
                reason,
                FIX,
            )
            self._delegate = self._fallback()
            return
        self._tokenizer, self._session = tokenizer, session

    def embed(self, texts: Sequence[str], *, progress: bool = False) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        self._load()
        if self._delegate is not None:
            return self._delegate.embed(texts, progress=progress)
        encodings = self._tokenizer.encode_batch(list(texts))
        lengths = np.array([len(e.ids) for e in encodings])
        order = np.argsort(-lengths, kind="stable")
        out = np.empty((len(texts), self.dim), dtype=np.float32)
        for start in range(0, len(order), self.batch_size):
            rows = order[start : start + self.batch_size]
            width = int(lengths[rows].max())
            ids = np.zeros((len(rows), width), dtype=np.int64)
            mask = np.zeros((len(rows), width), dtype=np.int64)
            for r, i in enumerate(rows):
                ids[r, : lengths[i]] = encodings[i].ids
                mask[r, : lengths[i]] = 1
            feed = {"input_ids": ids, "attention_mask": mask, "token_type_ids": np.zeros_like(ids)}
            out[rows] = self._session.run(None, feed)[0]
        return out
