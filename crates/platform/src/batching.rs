//! When a GraphQL request's DataLoader batches run: once the request can make
//! no more progress by itself, not after a fixed wait.
//!
//! async-graphql's DataLoader collects keys for a window that starts with the
//! first key, then loads them all. A fixed window is a race with the thread
//! that walks the response: a page of 50 rows asks for 50 keys in one poll,
//! and if that thread is descheduled for longer than the window (a busy
//! 2-core machine, a debug build), the batch closes early and one statement
//! becomes two. Measured on this repository's CI: a 20 ms pause mid-page split
//! the 5 ms window's wishlist batch 38 + 12.
//!
//! [`drive`] wraps a request's execution. While it is polled, the loaders'
//! batches are queued on it instead of spawned; when the poll returns
//! `Pending` without the request having woken itself (so every resolver that
//! could run has run, and every key it asks for is in), the queued batches
//! are spawned, and they take their keys at once (the loaders' own window is
//! zero, see [`crate::server::data_loader`]). One batch per loader and level,
//! however slow the walk, and no added wait. A batch started outside a driven
//! request (a loader used from a test or a background task) is spawned after
//! [`FALLBACK_WINDOW`], as before.
//!
//! The loaders are shared by concurrent requests, so another request's keys
//! may wait in a batch this one queued: the queue is spawned at the end of
//! every poll that is not followed at once by another, after at most
//! [`MAX_DEFERRED_POLLS`] polls in a row that are, and when the request is
//! dropped half-way (a cancelled request never strands another's keys).

use futures::future::BoxFuture;
use std::future::Future;
use std::pin::Pin;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, PoisonError};
use std::task::{Context, Poll, Wake, Waker};
use std::time::Duration;

/// How long a batch started outside a driven request collects keys first.
pub const FALLBACK_WINDOW: Duration = Duration::from_millis(5);

/// How many polls in a row that woke themselves may keep a request's batches
/// queued before they are spawned anyway. Walking a page takes many: an
/// object's fields are resolved in a `FuturesUnordered`, which wakes itself
/// after every pass, so a list yields after every second row that waits on a
/// loader (50 rows, about 25 polls). The bound only matters for a request
/// that never stops waking itself while other requests wait in its batch.
pub const MAX_DEFERRED_POLLS: u16 = 4096;

type Batch = BoxFuture<'static, ()>;

#[derive(Default)]
struct Queue(Mutex<Vec<Batch>>);

impl Queue {
    fn push(&self, batch: Batch) {
        self.0
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .push(batch);
    }

    fn spawn_all(&self) {
        let batches = std::mem::take(&mut *self.0.lock().unwrap_or_else(PoisonError::into_inner));
        if batches.is_empty() {
            return;
        }
        // Without a runtime (it is shutting down) nobody awaits them either.
        if let Ok(runtime) = tokio::runtime::Handle::try_current() {
            for batch in batches {
                runtime.spawn(batch);
            }
        }
    }
}

tokio::task_local! {
    static QUEUE: Arc<Queue>;
}

/// Starts a DataLoader batch: queued on the request being polled, if it is
/// driven by [`drive`], or spawned after [`FALLBACK_WINDOW`] otherwise.
pub fn submit(batch: Batch) {
    match QUEUE.try_with(Arc::clone) {
        Ok(queue) => queue.push(batch),
        Err(_) => {
            tokio::spawn(async move {
                tokio::time::sleep(FALLBACK_WINDOW).await;
                batch.await;
            });
        }
    }
}

/// Runs `future` (a GraphQL request's execution) with its DataLoader batches
/// started when it waits, as the module describes.
pub fn drive<F: Future>(future: F) -> Driven<F> {
    Driven {
        inner: Box::pin(future),
        queue: Arc::default(),
        deferred: 0,
    }
}

/// The future [`drive`] returns.
pub struct Driven<F: Future> {
    inner: Pin<Box<F>>,
    queue: Arc<Queue>,
    deferred: u16,
}

/// Passes a wake on, remembering that it happened.
struct WakeFlag {
    woken: AtomicBool,
    waker: Waker,
}

impl Wake for WakeFlag {
    fn wake(self: Arc<Self>) {
        self.wake_by_ref();
    }

    fn wake_by_ref(self: &Arc<Self>) {
        self.woken.store(true, Ordering::Release);
        self.waker.wake_by_ref();
    }
}

impl<F: Future> Future for Driven<F> {
    type Output = F::Output;

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<F::Output> {
        let this = &mut *self;
        let flag = Arc::new(WakeFlag {
            woken: AtomicBool::new(false),
            waker: cx.waker().clone(),
        });
        let waker = Waker::from(flag.clone());
        let mut inner_cx = Context::from_waker(&waker);
        let inner = &mut this.inner;
        let poll = QUEUE.sync_scope(this.queue.clone(), || inner.as_mut().poll(&mut inner_cx));
        // Woken during its own poll: a list that yielded half-way (see
        // MAX_DEFERRED_POLLS) has more rows to walk and keys to ask for, and
        // is polled again at once.
        if poll.is_pending()
            && flag.woken.load(Ordering::Acquire)
            && this.deferred < MAX_DEFERRED_POLLS
        {
            this.deferred += 1;
            return Poll::Pending;
        }
        this.deferred = 0;
        this.queue.spawn_all();
        poll
    }
}

impl<F: Future> Drop for Driven<F> {
    fn drop(&mut self) {
        self.queue.spawn_all();
    }
}

#[cfg(test)]
mod tests {
    use async_graphql::dataloader::{DataLoader, Loader};
    use async_graphql::{EmptyMutation, EmptySubscription, Object, Schema};
    use std::collections::HashMap;
    use std::sync::{Arc, Mutex};
    use std::time::Duration;

    /// Records the size of every batch it loads.
    struct Sizes(Arc<Mutex<Vec<usize>>>);

    impl Loader<u32> for Sizes {
        type Value = u32;
        type Error = Arc<String>;
        async fn load(&self, keys: &[u32]) -> Result<HashMap<u32, u32>, Self::Error> {
            self.0.lock().unwrap().push(keys.len());
            Ok(keys.iter().map(|k| (*k, k * 10)).collect())
        }
    }

    struct Query;
    struct Row(u32);

    #[Object]
    impl Query {
        async fn rows(&self) -> Vec<Row> {
            (0..40).map(Row).collect()
        }
    }

    #[Object]
    impl Row {
        /// Holds its thread for 1 ms before it asks, as a descheduled or
        /// slow thread would: 40 rows take eight times the fallback window.
        async fn value(&self, ctx: &async_graphql::Context<'_>) -> Option<u32> {
            std::thread::sleep(Duration::from_millis(1));
            let loader = ctx.data_unchecked::<DataLoader<Sizes>>();
            loader.load_one(self.0).await.unwrap()
        }
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn a_slow_walk_of_a_page_still_loads_it_in_one_batch() {
        let sizes = Arc::new(Mutex::new(Vec::new()));
        let schema = Schema::build(Query, EmptyMutation, EmptySubscription)
            .data(crate::server::data_loader(Sizes(sizes.clone())))
            .finish();
        for _ in 0..3 {
            let response = super::drive(schema.execute("{ rows { value } }")).await;
            assert!(response.errors.is_empty(), "{:?}", response.errors);
            let data = response.data.into_json().unwrap();
            assert_eq!(data["rows"][39]["value"], 390);
        }
        assert_eq!(*sizes.lock().unwrap(), vec![40, 40, 40]);
    }

    /// Returns `Pending` once, waking itself first: what a list does when
    /// it yields half-way.
    async fn yield_awake() {
        let mut yielded = false;
        std::future::poll_fn(|cx| {
            if yielded {
                return std::task::Poll::Ready(());
            }
            yielded = true;
            cx.waker().wake_by_ref();
            std::task::Poll::Pending
        })
        .await
    }

    #[tokio::test]
    async fn a_batch_queued_by_a_dropped_request_still_loads_for_the_others() {
        let sizes = Arc::new(Mutex::new(Vec::new()));
        let loader = crate::server::data_loader(Sizes(sizes.clone()));
        // A request asks for key 7 and yields awake, so its batch stays
        // queued; another request asks for 7 too, joining that batch; then
        // the first is cancelled.
        let mut cancelled = Box::pin(super::drive(async {
            let asked = loader.load_one(7);
            tokio::pin!(asked);
            assert!(futures::poll!(asked.as_mut()).is_pending());
            yield_awake().await;
            asked.await
        }));
        assert!(futures::poll!(cancelled.as_mut()).is_pending());
        let other = loader.load_one(7);
        tokio::pin!(other);
        assert!(futures::poll!(other.as_mut()).is_pending());
        drop(cancelled);
        let loaded = tokio::time::timeout(Duration::from_secs(5), other)
            .await
            .expect("the other request is not stranded");
        assert_eq!(loaded.unwrap(), Some(70));
        assert_eq!(*sizes.lock().unwrap(), vec![1]);
    }
}
