#pragma once

#include "common/result.h"
#include "domain/fan.h"
#include "importing/csvreader.h"

#include <QFuture>
#include <QHash>
#include <QList>
#include <QTimeZone>

namespace huntaze::creatorcsv {

// Turns CSV exports into fans and offers. The first record names the columns
// (any order, any case; extra columns are ignored):
//   fans:   name, tags (separated by ;), total_spend, last_purchase, last_active (YYYY-MM-DD)
//   offers: title, price, recipients, purchases, sent_on (YYYY-MM-DD)
//   posts:  caption, hashtags (#a #b, or a;b), engagement (or likes, comments, shares), platform, posted_on
// Any bad row refuses the whole file, with every problem listed by line, so
// nothing is ever half-imported.
Result<QList<Fan>> fansFrom(const QList<CsvRecord> &records);
Result<QList<Offer>> offersFrom(const QList<CsvRecord> &records);
Result<QList<Post>> postsFrom(const QList<CsvRecord> &records);

// Reads and converts a file on a worker thread, reporting progress (0-100) on
// the future; QFuture::cancel() stops it.
QFuture<Result<QList<Fan>>> readFans(const QString &path);
QFuture<Result<QList<Offer>>> readOffers(const QString &path);
QFuture<Result<QList<Post>>> readPosts(const QString &path);

// Reads a CSV file on a worker thread (progress 0-100, cancellable); the
// first record is its header (files whose columns the user maps: mappedcsv.h).
QFuture<Result<QList<CsvRecord>>> readRecords(const QString &path);

} // namespace huntaze::creatorcsv
