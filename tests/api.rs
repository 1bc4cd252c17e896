//! Properties of the public types that users rely on without thinking.

use pactum::*;

fn assert_send_sync_unpin<T: Send + Sync + Unpin>() {}

#[test]
fn public_types_are_send_sync_and_unpin() {
    assert_send_sync_unpin::<Registry>();
    assert_send_sync_unpin::<Date>();
    assert_send_sync_unpin::<Window>();
    assert_send_sync_unpin::<DateError>();
    assert_send_sync_unpin::<LoadError>();
    assert_send_sync_unpin::<ValidationError>();
    assert_send_sync_unpin::<Diagnostic>();
    assert_send_sync_unpin::<ValueError>();
    assert_send_sync_unpin::<Institution>();
    assert_send_sync_unpin::<Partnership>();
    assert_send_sync_unpin::<Meeting>();
    assert_send_sync_unpin::<Mou>();
    assert_send_sync_unpin::<Commitment>();
    assert_send_sync_unpin::<Source>();
    assert_send_sync_unpin::<TechArea>();
    assert_send_sync_unpin::<Official>();
    assert_send_sync_unpin::<Key<Mou>>();
    assert_send_sync_unpin::<Id<Mou>>();
    assert_send_sync_unpin::<Country>();
    assert_send_sync_unpin::<Event<'static>>();
    assert_send_sync_unpin::<InForce<'static>>();
}

#[test]
fn errors_are_std_errors() {
    fn is_error<E: std::error::Error + Send + Sync + 'static>() {}
    is_error::<DateError>();
    is_error::<LoadError>();
    is_error::<ValidationError>();
    is_error::<ValueError>();
}

#[test]
fn a_registry_can_be_shared_between_threads() {
    let registry = std::sync::Arc::new(pactum::seed());
    let handles: Vec<_> = (0..2)
        .map(|_| {
            let r = std::sync::Arc::clone(&registry);
            std::thread::spawn(move || r.events().len())
        })
        .collect();
    let counts: Vec<usize> = handles
        .into_iter()
        .map(|h| h.join().expect("no panic"))
        .collect();
    assert_eq!(counts[0], counts[1]);
    assert_eq!(counts[0], registry.events().len());
}

#[test]
fn entities_deserialize_through_the_same_checks_as_their_builders() {
    let ok: Mou = serde_json::from_str(
        r#"{"key": "u1", "title": "T", "signatories": ["a", "b"], "signed": "2021-08-17"}"#,
    )
    .expect("a valid mou");
    assert_eq!(ok.signed().to_string(), "2021-08-17");
    let err = serde_json::from_str::<Mou>(
        r#"{"key": "u1", "title": "T", "signatories": ["a"], "signed": "2021-08-17"}"#,
    )
    .expect_err("one signatory");
    assert!(
        err.to_string()
            .contains("need at least 2 distinct institutions"),
        "{err}"
    );
    let err = serde_json::from_str::<Date>(r#""2010-02-29""#).expect_err("not a leap year");
    assert!(
        err.to_string().contains("day 29 does not exist in 2010-02"),
        "{err}"
    );
}
