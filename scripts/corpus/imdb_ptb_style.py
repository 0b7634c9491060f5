#!/usr/bin/env python3
"""Writes a word-level corpus in Penn Treebank's three-file layout from the IMDB reviews.

    python3 scripts/corpus/imdb_ptb_style.py ../shared/data/aclImdb_v1_labeled.tar.gz data/imdb_ptb

PTB itself (Mikolov's ptb.train.txt, ptb.valid.txt, ptb.test.txt) cannot be fetched where this
project's CI runs, so this makes a stand-in of the same shape to try the PTB recipe
(experiments/ptb_word_lstm.yaml) on real English text: one review per line, lower case, words
and contractions only (no punctuation), numbers as N, the 9,998 most frequent training words
kept and every other word <unk> (10,000 types with <unk> and the <eos> a run adds at each line
end, as PTB's), and about PTB's sizes: 929k training,
73k validation and 82k test tokens. Training reviews come from the archive's train/ folder,
validation and test reviews from its test/ folder, in file-name order, so the output is the same
on every run. Standard library only.
"""
import collections
import re
import sys
import tarfile
from pathlib import Path

SIZES = {"train": 929_589, "valid": 73_760, "test": 82_430}  # PTB's token counts (words + <eos>)
VOCABULARY = 10_000  # with <unk> and <eos>
TOKEN = re.compile(r"[a-z]+(?:'[a-z]+)?|[0-9]+(?:[.,][0-9]+)*")


def reviews(archive, split):
    """The reviews of `split` (train or test), positive and negative interleaved by file name.

    The archive is read once, in its own order (a gzip stream has no random access), and the
    reviews are sorted afterwards."""
    found = {}
    with tarfile.open(archive, "r|gz") as tar:
        for member in tar:
            if member.isfile() and re.search(rf"/{split}/(pos|neg)/[^/]+\.txt$", member.name):
                found[(Path(member.name).name, member.name)] = tar.extractfile(member).read()
    for key in sorted(found):
        yield found[key].decode("utf-8", errors="replace")


def words(text):
    text = text.lower().replace("<br />", " ")
    return ["N" if token[0].isdigit() else token for token in TOKEN.findall(text)]


def take(lines, budget):
    """Whole lines from `lines` until they hold `budget` tokens, counting one <eos> per line."""
    out, count = [], 0
    for line in lines:
        if not line:
            continue
        if count + len(line) + 1 > budget:
            break
        out.append(line)
        count += len(line) + 1
    return out


def main():
    if len(sys.argv) != 3:
        sys.exit(f"usage: {sys.argv[0]} ACLIMDB_TAR_GZ OUTPUT_FOLDER")
    archive, folder = sys.argv[1], Path(sys.argv[2])
    train = take((words(r) for r in reviews(archive, "train")), SIZES["train"])
    held_out = (words(r) for r in reviews(archive, "test"))
    valid = take(held_out, SIZES["valid"])
    test = take(held_out, SIZES["test"])
    counts = collections.Counter(w for line in train for w in line)
    kept = {w for w, _ in counts.most_common(VOCABULARY - 2)}
    folder.mkdir(parents=True, exist_ok=True)
    for name, lines in (("train", train), ("valid", valid), ("test", test)):
        path = folder / f"ptb.{name}.txt"
        temporary = path.with_suffix(".txt.partial")
        with open(temporary, "w", encoding="utf-8") as f:
            for line in lines:
                f.write(" " + " ".join(w if w in kept else "<unk>" for w in line) + " \n")
        temporary.replace(path)
        tokens = sum(len(line) + 1 for line in lines)
        print(f"{path}: {len(lines):,} lines, {tokens:,} tokens")


if __name__ == "__main__":
    main()
