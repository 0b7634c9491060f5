"""Times training epochs of the IMDB recurrent workload in PyTorch, the reference for `bench`.

    python3 scripts/bench/torch_epoch.py [EPOCHS] [--cell gru|lstm] [--threads N]

The same model, shapes and batches as Sources/bench/main.swift: frozen embedding 10000x50,
recurrent(64, all steps) -> recurrent(64, last step) -> dense 32 relu -> dropout 0.5 -> dense 1
(logit), BCEWithLogitsLoss, Adam(lr 0.001, eps 1e-7), batch 128 over 25,000 random sequences of
80 ids in 3..<10000 (196 batches, the last partial), in order.

Keras's recurrent `dropout` masks a layer's input with one mask per sequence; PyTorch has no such
option, so an nn.Dropout on each recurrent layer's input (a fresh mask per element and step)
stands in for it. The arithmetic is the same; only which elements are dropped differs, which
does not matter for timing. Only the training loop is timed, as in `bench`.
"""
import argparse
import time

import torch
from torch import nn

SEQUENCES, STEPS, VOCABULARY, EMBEDDING, UNITS, BATCH = 25_000, 80, 10_000, 50, 64, 128


class Model(nn.Module):
    def __init__(self, cell):
        super().__init__()
        recurrent = nn.GRU if cell == "gru" else nn.LSTM
        self.embedding = nn.Embedding(VOCABULARY, EMBEDDING)
        self.embedding.weight.requires_grad_(False)
        self.dropout1 = nn.Dropout(0.5)
        self.rnn1 = recurrent(EMBEDDING, UNITS, batch_first=True)
        self.dropout2 = nn.Dropout(0.5)
        self.rnn2 = recurrent(UNITS, UNITS, batch_first=True)
        self.dense = nn.Linear(UNITS, 32)
        self.dropout3 = nn.Dropout(0.5)
        self.out = nn.Linear(32, 1)

    def forward(self, ids):
        x = self.embedding(ids)
        x, _ = self.rnn1(self.dropout1(x))
        x, _ = self.rnn2(self.dropout2(x))
        x = torch.relu(self.dense(x[:, -1]))
        return self.out(self.dropout3(x)).squeeze(1)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("epochs", nargs="?", type=int, default=1)
    parser.add_argument("--cell", choices=["gru", "lstm"], default="gru")
    parser.add_argument("--threads", type=int, default=2)
    args = parser.parse_args()

    torch.set_num_threads(args.threads)
    torch.manual_seed(42)
    ids = torch.randint(3, VOCABULARY, (SEQUENCES, STEPS))
    labels = torch.randint(0, 2, (SEQUENCES,)).float()
    batches = [(ids[s:s + BATCH], labels[s:s + BATCH]) for s in range(0, SEQUENCES, BATCH)]

    model = Model(args.cell)
    model.train()
    optimizer = torch.optim.Adam([p for p in model.parameters() if p.requires_grad], lr=0.001, eps=1e-7)
    loss_fn = nn.BCEWithLogitsLoss()
    print(f"torch {torch.__version__}: {args.cell}, {len(batches)} batches, {args.threads} threads")
    for epoch in range(1, args.epochs + 1):
        total = 0.0
        started = time.perf_counter()
        for x, y in batches:
            optimizer.zero_grad()
            loss = loss_fn(model(x), y)
            loss.backward()
            optimizer.step()
            total += loss.item() * len(y)
        seconds = time.perf_counter() - started
        print(f"epoch {epoch}: {seconds:.3f} s, loss {total / SEQUENCES:.6f}")


if __name__ == "__main__":
    main()
