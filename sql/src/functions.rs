//! pactum's questions as table functions: each plans a recipe of
//! `docs/sql.md` with its arguments in place.

use std::sync::Arc;

use chrono::NaiveDate;
use datafusion::catalog::{TableFunctionArgs, TableFunctionImpl, TableProvider};
use datafusion::common::ScalarValue;
use datafusion::error::{DataFusionError, Result};
use datafusion::execution::context::SessionState;
use datafusion::logical_expr::Expr;
use datafusion::prelude::SessionContext;

use crate::recipes;

/// The question a table function asks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Question {
    Timeline,
    InForceOn,
    InForceFor,
    Overdue,
    NextMeeting,
    PreviousMeeting,
    Cadence,
}

/// Every question, in the order they are registered.
const QUESTIONS: [Question; 7] = [
    Question::Timeline,
    Question::InForceOn,
    Question::InForceFor,
    Question::Overdue,
    Question::NextMeeting,
    Question::PreviousMeeting,
    Question::Cadence,
];

impl Question {
    fn name(self) -> &'static str {
        match self {
            Question::Timeline => "timeline",
            Question::InForceOn => "in_force_on",
            Question::InForceFor => "in_force_for",
            Question::Overdue => "overdue",
            Question::NextMeeting => "next_meeting",
            Question::PreviousMeeting => "previous_meeting",
            Question::Cadence => "cadence",
        }
    }

    /// What the arguments must be, for messages.
    fn expected(self) -> &'static str {
        match self {
            Question::Timeline => "a first and a last day ('YYYY-MM-DD')",
            Question::InForceOn | Question::Overdue => "a day ('YYYY-MM-DD')",
            Question::InForceFor => "an institution's key and a day ('YYYY-MM-DD')",
            Question::NextMeeting | Question::PreviousMeeting => {
                "a partnership's or series' key and a day ('YYYY-MM-DD')"
            }
            Question::Cadence => "a partnership's or series' key",
        }
    }

    /// The recipe with `args` in place of its example parameters.
    fn sql(self, args: &[Expr]) -> Result<String> {
        let wrong = || {
            DataFusionError::Plan(format!(
                "{}: expected {}, got {} arguments",
                self.name(),
                self.expected(),
                args.len()
            ))
        };
        match (self, args) {
            (Question::Timeline, [from, to]) => {
                let (from, to) = (day(self, from)?, day(self, to)?);
                if from > to {
                    return Err(DataFusionError::Plan(format!(
                        "timeline: expected a first day no later than the last, got {from} and {to}"
                    )));
                }
                let (from, to) = (literal(from), literal(to));
                // The portable recipe bounds the candidates; pactum's parser
                // then answers for each candidate date, gaps and all.
                let bounded = recipes::TIMELINE
                    .replace("DATE '2023-01-01'", &from)
                    .replace("DATE '2023-12-31'", &to);
                Ok(format!(
                    "SELECT kind, entity_kind, key, partnership, label, date, date_earliest, \
                     date_latest, \"end\", end_earliest, end_latest, qualifier, \
                     edtf_certainly_within(date, \"end\", {from}, {to}) AS certain \
                     FROM ({bounded}) AS candidates \
                     WHERE edtf_possibly_within(date, \"end\", {from}, {to})"
                ))
            }
            (Question::InForceOn, [on]) => {
                Ok(recipes::IN_FORCE_ON.replace("DATE '2024-06-01'", &literal(day(self, on)?)))
            }
            (Question::Overdue, [on]) => {
                Ok(recipes::OVERDUE.replace("DATE '2024-06-01'", &literal(day(self, on)?)))
            }
            (Question::InForceFor, [who, on]) => {
                let who = key(self, who)?;
                Ok(recipes::IN_FORCE_FOR
                    .replace("DATE '2024-06-01'", &literal(day(self, on)?))
                    .replace("'i00001'", &format!("'{who}'")))
            }
            (Question::NextMeeting | Question::PreviousMeeting, [thread, on]) => {
                let recipe = if self == Question::NextMeeting {
                    recipes::NEXT_MEETING
                } else {
                    recipes::PREVIOUS_MEETING
                };
                let thread = key(self, thread)?;
                Ok(recipe
                    .replace("DATE '2024-06-01'", &literal(day(self, on)?))
                    .replace("'eu-kr-dpc'", &format!("'{thread}'")))
            }
            (Question::Cadence, [thread]) => {
                let thread = key(self, thread)?;
                Ok(recipes::CADENCE.replace("'eu-kr-dpc'", &format!("'{thread}'")))
            }
            _ => Err(wrong()),
        }
    }
}

/// A day as a SQL literal.
fn literal(day: NaiveDate) -> String {
    format!("DATE '{}'", day.format("%Y-%m-%d"))
}

fn constant(arg: &Expr) -> Option<&ScalarValue> {
    match arg {
        Expr::Literal(value, _) => Some(value),
        _ => None,
    }
}

fn day(question: Question, arg: &Expr) -> Result<NaiveDate> {
    let found = match constant(arg) {
        Some(ScalarValue::Date32(Some(n))) => NaiveDate::from_ymd_opt(1970, 1, 1)
            .and_then(|e| e.checked_add_signed(chrono::TimeDelta::try_days(i64::from(*n))?)),
        Some(
            ScalarValue::Utf8(Some(text))
            | ScalarValue::Utf8View(Some(text))
            | ScalarValue::LargeUtf8(Some(text)),
        ) => NaiveDate::parse_from_str(text, "%Y-%m-%d").ok(),
        _ => None,
    };
    found.ok_or_else(|| {
        DataFusionError::Plan(format!(
            "{}: expected a day ('YYYY-MM-DD'), got {arg}",
            question.name()
        ))
    })
}

/// An institution's, partnership's or series' key: lowercase ASCII
/// letters, digits and `-`, which never need quoting in SQL text.
fn key(question: Question, arg: &Expr) -> Result<String> {
    let text = match constant(arg) {
        Some(
            ScalarValue::Utf8(Some(text))
            | ScalarValue::Utf8View(Some(text))
            | ScalarValue::LargeUtf8(Some(text)),
        ) => Some(text),
        _ => None,
    };
    match text {
        Some(t)
            if !t.is_empty()
                && t.bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-') =>
        {
            Ok(t.clone())
        }
        _ => Err(DataFusionError::Plan(format!(
            "{}: expected a key (lowercase ascii letters, digits and '-'), got {arg}",
            question.name()
        ))),
    }
}

#[derive(Debug)]
struct Function(Question);

impl TableFunctionImpl for Function {
    fn call_with_args(&self, args: TableFunctionArgs) -> Result<Arc<dyn TableProvider>> {
        let sql = self.0.sql(args.exprs())?;
        let state = args
            .session()
            .as_any()
            .downcast_ref::<SessionState>()
            .ok_or_else(|| {
                DataFusionError::Plan(format!("{}: expected a DataFusion session", self.0.name()))
            })?;
        // The recipe is planned against the caller's tables; planning
        // reads no data, so waiting on it here blocks only briefly.
        let ctx = SessionContext::new_with_state(state.clone());
        let frame = futures::executor::block_on(ctx.sql(&sql))?;
        Ok(frame.into_view())
    }
}

/// Registers pactum's questions as table functions in `ctx`:
/// `timeline(first, last)`, `in_force_on(day)`, `in_force_for(key, day)`,
/// `overdue(day)`, `next_meeting(key, day)`, `previous_meeting(key, day)`
/// and `cadence(key)`, days given as `'YYYY-MM-DD'` text or `DATE`
/// values. Each but `cadence` returns the rows possibly in the answer with
/// a boolean `certain`; `cadence` returns the gaps between meetings in
/// days (`min_days`, `max_days`). Each reads the tables `ctx` holds when
/// it is called (`events`; `mous` and `partnerships`; those and
/// `party_actions`; `commitments`; `meetings` and `partnerships`).
pub fn register_functions(ctx: &SessionContext) {
    for question in QUESTIONS {
        ctx.register_udtf(question.name(), Arc::new(Function(question)));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::udf::day_number;

    #[test]
    fn a_key_with_a_quote_is_refused() {
        let arg = Expr::Literal(ScalarValue::Utf8(Some("x' OR 1=1 --".to_owned())), None);
        assert!(key(Question::InForceFor, &arg).is_err());
    }

    #[test]
    fn the_recipes_hold_their_example_parameters() {
        assert!(recipes::TIMELINE.contains("DATE '2023-12-31'"));
        assert!(recipes::IN_FORCE_FOR.contains("'i00001'"));
        assert!(recipes::OVERDUE.contains("DATE '2024-06-01'"));
        assert!(recipes::IN_FORCE_ON.contains("DATE '2024-06-01'"));
        for recipe in [recipes::NEXT_MEETING, recipes::PREVIOUS_MEETING] {
            assert!(recipe.contains("DATE '2024-06-01'"));
            assert!(recipe.contains("'eu-kr-dpc'"));
        }
        assert!(recipes::CADENCE.contains("'eu-kr-dpc'"));
    }

    #[test]
    fn a_question_with_too_few_arguments_is_refused_with_what_it_expects() {
        let err = Question::Cadence.sql(&[]).expect_err("no key");
        assert!(err
            .to_string()
            .contains("expected a partnership's or series' key"));
    }

    #[test]
    fn a_day_number_counts_from_1970() {
        let day = NaiveDate::from_ymd_opt(1970, 1, 11).expect("a day");
        assert_eq!(day_number(day), 10);
    }
}
